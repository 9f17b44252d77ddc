package uk.nhs.pdsa.runtime.rest;

import java.util.List;

/**
 * An answer that is a table when a person asks for {@code text/csv}: a chart's points, a funnel's trusts. Lists
 * ({@link PageView}, {@link List}) are tables already and need not implement this.
 */
public interface CsvTable {
    /** The rows, one object each, written as their JSON fields would be. */
    List<?> csvRows();

    /** The type of each row, whose fields are the columns (so an empty table still has its header row). */
    Class<?> csvRowType();
}
