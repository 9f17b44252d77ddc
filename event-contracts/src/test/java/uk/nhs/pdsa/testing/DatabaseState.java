package uk.nhs.pdsa.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.sql.DataSource;

/**
 * What a service's database holds, table by table (rows and a digest of their content), so that a test can show
 * that a refused request changed nothing. Tables that change by themselves or record every request (the audit
 * trail, the migration history) are left out by name.
 */
public final class DatabaseState {
    private final DataSource database;
    private final Set<String> ignored;

    public DatabaseState(DataSource database, Set<String> ignored) {
        this.database = database;
        this.ignored = ignored;
    }

    /** Rows per table (cheap: checked around each request). */
    public Map<String, String> counts() {
        return query("count(*)::text");
    }

    /** Rows and a digest of their content per table (checked around the whole corpus). */
    public Map<String, String> digests() {
        return query("count(*) || ':' || coalesce(md5(string_agg(md5(t::text), '' order by md5(t::text))), '')");
    }

    /** The state once nothing has changed for {@code quietMillis} (work left by earlier tests has finished). */
    public Map<String, String> settled(long quietMillis, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        Map<String, String> last = digests();
        while (System.currentTimeMillis() < deadline) {
            Thread.sleep(quietMillis);
            Map<String, String> now = digests();
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        return last;
    }

    private Map<String, String> query(String aggregate) {
        Map<String, String> state = new TreeMap<>();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet r = statement.executeQuery("select table_name from information_schema.tables"
                    + " where table_schema = current_schema() and table_type = 'BASE TABLE'")) {
                while (r.next()) {
                    String table = r.getString(1);
                    if (!ignored.contains(table) && !table.startsWith("flyway")) {
                        tables.add(table);
                    }
                }
            }
            for (String table : tables) {
                try (ResultSet r = statement.executeQuery("select " + aggregate + " from \"" + table + "\" t")) {
                    r.next();
                    state.put(table, r.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database's state", e);
        }
        return state;
    }
}
