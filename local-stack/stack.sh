#!/usr/bin/env bash
# The local stack: a real single-node Kafka broker (KRaft) and a real PostgreSQL server, no Docker.
#
#   local-stack/stack.sh start|stop|status
#   local-stack/stack.sh clean                    stop and delete all data of this stack
#   local-stack/stack.sh kafka-stop|kafka-start   the broker alone (the end-to-end tests use it to prove
#                                                 that accepted data survives a broker outage)
# And a real mail server (GreenMail: SMTP in, POP3 to read what was delivered) for the notification service,
# and a real OpenID Connect provider (Keycloak, its data in the stack's PostgreSQL, realm local-stack/keycloak/).
#
# Idempotent: start leaves running servers alone, stop is a no-op when nothing runs.
# Every setting comes from the environment (see the table in README.md); defaults give the dev stack.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STACK_DIR=${STACK_DIR:-$ROOT/.stack/dev}
KAFKA_LIBS=${KAFKA_LIBS:-$ROOT/.stack/kafka-libs}
KAFKA_PORT=${KAFKA_PORT:-9092}
KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-9093}
# A second listener that authenticates with SCRAM-SHA-512 and enforces ACLs, as a deployed cluster's does
# (deploy/README.md): user pdsa-local (a super user), password pdsa-local-secret (Topics.java keeps it). The services
# use the plain listener unless told.
KAFKA_SASL_PORT=${KAFKA_SASL_PORT:-$((KAFKA_PORT + 2))}
KAFKA_HEAP=${KAFKA_HEAP:-512m}
MAIL_LIBS=${MAIL_LIBS:-$ROOT/.stack/mail-libs}
MAIL_SMTP_PORT=${MAIL_SMTP_PORT:-3025}
MAIL_POP3_PORT=${MAIL_POP3_PORT:-3110}
PG_PORT=${PG_PORT:-55432}
PG_USER=${PG_USER:-pdsa}
PG_PASSWORD=${PG_PASSWORD:-pdsa}
PG_SUPERUSER_PASSWORD=${PG_SUPERUSER_PASSWORD:-postgres}
STACK_DATABASES=${STACK_DATABASES:-ingest findings actionplan notification keycloak}
# STACK_KEYCLOAK=0 leaves the provider out (the benchmarks sign their own tokens).
STACK_KEYCLOAK=${STACK_KEYCLOAK:-1}
KEYCLOAK_VERSION=${KEYCLOAK_VERSION:-26.5.6}
KEYCLOAK_PORT=${KEYCLOAK_PORT:-8180}
KEYCLOAK_MANAGEMENT_PORT=${KEYCLOAK_MANAGEMENT_PORT:-9180}
KEYCLOAK_ZIP_DIR=${KEYCLOAK_ZIP_DIR:-$ROOT/.stack/keycloak-zip}
# Local only: the master realm's bootstrap admin (./platform token uses it to add people on demand).
KEYCLOAK_ADMIN_PASSWORD=${KEYCLOAK_ADMIN_PASSWORD:-admin}
TOPICS_FILE=${TOPICS_FILE:-$ROOT/local-stack/topics.conf}
# Extra options for every JVM the stack runs (Kafka, its tools, GreenMail, Keycloak). The test stack gives
# -XX:TieredStopAtLevel=1: its servers live minutes, under a light load, so the optimising compiler's work at their
# start outweighs what it would save (docs/benchmarks.md, "The test suite's time"); the dev and bench stacks run
# with both compilers.
STACK_JAVA_OPTS=${STACK_JAVA_OPTS:-}

KAFKA_DIR=$STACK_DIR/kafka
MAIL_DIR=$STACK_DIR/mail
KEYCLOAK_DIR=$STACK_DIR/keycloak
log() { printf '[stack] %s\n' "$*"; }
# Alive and not a zombie: a killed child of an init that does not reap still answers kill -0.
alive() { kill -0 "$1" 2>/dev/null && [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]; }
die() { printf '[stack] ERROR: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- PostgreSQL
# The newest installed PostgreSQL's bin folder, empty when none is.
pg_bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true; }
# The same, installing Debian's package first when none is.
pg_bin() {
  local bin
  bin=$(pg_bin_dir)
  if [ -z "$bin" ]; then
    [ "$(id -u)" -eq 0 ] || die "PostgreSQL is not installed; run as root or: apt-get install -y postgresql"
    log "installing Debian's postgresql package (first run only)"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    bin=$(pg_bin_dir)
    [ -n "$bin" ] || die "the postgresql package installed no server under /usr/lib/postgresql"
  fi
  echo "$bin"
}

# initdb refuses root, so the server runs as the postgres user; as a normal user it runs as that user.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

# Where PostgreSQL keeps its data when the postgres user cannot reach STACK_DIR (a checkout under /root).
pg_fallback_home() { echo "/var/lib/pdsa-stack/$(printf '%s' "$STACK_DIR" | md5sum | cut -c1-12)/postgres"; }

pg_home() {
  local wanted=$STACK_DIR/postgres
  mkdir -p "$wanted"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$wanted"
    if ! runuser -u postgres -- test -w "$wanted"; then
      wanted=$(pg_fallback_home)
      mkdir -p "$wanted" && chown -R postgres:postgres "$(dirname "$wanted")"
    fi
  fi
  echo "$wanted"
}

pg_running() {
  local home=$1
  [ -f "$home/data/postmaster.pid" ] && alive "$(head -n 1 "$home/data/postmaster.pid")"
}

pg_start() {
  local bin home
  bin=$(pg_bin)
  home=$(pg_home)
  if [ ! -f "$home/data/PG_VERSION" ]; then
    log "initialising PostgreSQL in $home/data"
    printf '%s\n' "$PG_SUPERUSER_PASSWORD" > "$home/pwfile"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$home/pwfile"
    chmod 600 "$home/pwfile"
    as_pg "$bin/initdb" -D "$home/data" -U postgres --pwfile="$home/pwfile" \
      --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$home/initdb.log" 2>&1 \
      || { cat "$home/initdb.log"; die "initdb failed"; }
    rm -f "$home/pwfile"
    mkdir -p "$home/run" && { [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$home/run"; }
  fi
  if pg_running "$home"; then
    log "PostgreSQL already running on port $PG_PORT (pid $(head -n 1 "$home/data/postmaster.pid"))"
  else
    # Left by a server that was killed: PostgreSQL would take it for a live one if the pid lingers as a zombie.
    rm -f "$home/data/postmaster.pid"
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
    as_pg "$bin/pg_ctl" -D "$home/data" -l "$home/postgres.log" -w -t 60 \
      -o "-p $PG_PORT -k $home/run -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null \
      || { tail -n 20 "$home/postgres.log"; die "PostgreSQL did not start"; }
  fi
  pg_provision "$bin"
}

pg_provision() {
  local bin=$1 db
  local psql=("$bin/psql" -v ON_ERROR_STOP=1 -qAt -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres)
  export PGPASSWORD=$PG_SUPERUSER_PASSWORD
  if [ "$("${psql[@]}" -c "select 1 from pg_roles where rolname = '$PG_USER'")" != 1 ]; then
    "${psql[@]}" -c "create role \"$PG_USER\" login password '$PG_PASSWORD'"
  fi
  for db in $STACK_DATABASES; do
    if [ "$("${psql[@]}" -c "select 1 from pg_database where datname = '$db'")" != 1 ]; then
      "${psql[@]}" -c "create database \"$db\" owner \"$PG_USER\""
      log "  database $db (created)"
    fi
  done
  unset PGPASSWORD
}

# Drops and creates one of the stack's databases (empty, owned by the services' user).
pg_recreate_db() {
  local db=$1 bin
  bin=$(pg_bin_dir)
  local psql=("$bin/psql" -v ON_ERROR_STOP=1 -qAt -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres)
  PGPASSWORD=$PG_SUPERUSER_PASSWORD "${psql[@]}" -c "drop database if exists \"$db\""
  PGPASSWORD=$PG_SUPERUSER_PASSWORD "${psql[@]}" -c "create database \"$db\" owner \"$PG_USER\""
}

pg_stop() {
  local bin home
  bin=$(pg_bin_dir)
  [ -n "$bin" ] || return 0
  home=$(pg_home)
  if pg_running "$home"; then
    log "stopping PostgreSQL (pid $(head -n 1 "$home/data/postmaster.pid"))"
    as_pg "$bin/pg_ctl" -D "$home/data" -m fast -w -t 60 stop >/dev/null
  fi
}

# ---------------------------------------------------------------- Kafka
kafka_libs() {
  if [ ! -f "$KAFKA_LIBS/.complete" ] || [ ! -f "$MAIL_LIBS/greenmail-standalone.jar" ]; then
    log "fetching Apache Kafka jars and GreenMail from Maven Central into $KAFKA_LIBS and $MAIL_LIBS"
    mvn -q -B -Dstyle.color=never -f "$ROOT/local-stack/pom.xml" generate-resources -Dstack.kafka.libs="$KAFKA_LIBS" \
      -Dstack.mail.libs="$MAIL_LIBS"
    touch "$KAFKA_LIBS/.complete"
  fi
}

pid_alive() { [ -f "$1" ] && alive "$(cat "$1")"; }

kafka_start() {
  kafka_libs
  mkdir -p "$KAFKA_DIR/data"
  local pidfile=$KAFKA_DIR/kafka.pid
  if pid_alive "$pidfile"; then
    log "Kafka already running on port $KAFKA_PORT (pid $(cat "$pidfile"))"
  else
    cat > "$KAFKA_DIR/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT,SASL_PLAINTEXT://127.0.0.1:$KAFKA_SASL_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,SASL_PLAINTEXT://127.0.0.1:$KAFKA_SASL_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT
inter.broker.listener.name=PLAINTEXT
sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
# ACLs are enforced as on a deployed cluster (Strimzi's simple authorization): the plain listeners (ANONYMOUS) and
# pdsa-local are super users; any other SCRAM user may do only what its ACLs allow (deploy-checks'
# KafkaAclEnforcementTest signs in as each service's KafkaUser of deploy/kubernetes with exactly its ACLs).
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:ANONYMOUS;User:pdsa-local
allow.everyone.if.no.acl.found=false
log.dirs=$KAFKA_DIR/data
num.partitions=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
min.insync.replicas=1
default.replication.factor=1
group.initial.rebalance.delay.ms=0
# Topics are created up front (topics.conf) with the partitions the design needs; a typo must fail, not create.
auto.create.topics.enable=false
EOF
    cat > "$KAFKA_DIR/log4j2.properties" <<'EOF'
rootLogger.level=INFO
rootLogger.appenderRef.stdout.ref=STDOUT
appender.stdout.type=Console
appender.stdout.name=STDOUT
appender.stdout.layout.type=PatternLayout
appender.stdout.layout.pattern=[%d] %p %m (%c)%n
logger.kafka.name=kafka
logger.kafka.level=WARN
logger.apache.name=org.apache.kafka
logger.apache.level=WARN
EOF
    if [ ! -f "$KAFKA_DIR/data/meta.properties" ]; then
      local cluster_id
      cluster_id=$(java $STACK_JAVA_OPTS -cp "$KAFKA_LIBS/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)
      log "formatting Kafka storage (cluster $cluster_id)"
      java $STACK_JAVA_OPTS -cp "$KAFKA_LIBS/*" kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_DIR/server.properties" \
        >"$KAFKA_DIR/format.log" 2>&1 || { cat "$KAFKA_DIR/format.log"; die "Kafka storage format failed"; }
    fi
    log "starting Kafka (KRaft) on 127.0.0.1:$KAFKA_PORT (SCRAM-SHA-512 on $KAFKA_SASL_PORT)"
    nohup java -Xmx"$KAFKA_HEAP" -Xms"$KAFKA_HEAP" -XX:+UseG1GC $STACK_JAVA_OPTS \
      -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2.properties" \
      -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_DIR/server.properties" >"$KAFKA_DIR/kafka.log" 2>&1 &
    echo $! > "$pidfile"
  fi
  java $STACK_JAVA_OPTS -cp "$KAFKA_LIBS/*" "$ROOT/local-stack/Topics.java" "127.0.0.1:$KAFKA_PORT" "$TOPICS_FILE" \
    || { tail -n 30 "$KAFKA_DIR/kafka.log"; die "Kafka is not answering on port $KAFKA_PORT"; }
}

# ---------------------------------------------------------------- Mail (GreenMail)
mail_start() {
  kafka_libs
  mkdir -p "$MAIL_DIR"
  if pid_alive "$MAIL_DIR/mail.pid"; then
    return
  fi
  log "starting GreenMail (SMTP 127.0.0.1:$MAIL_SMTP_PORT, POP3 127.0.0.1:$MAIL_POP3_PORT)"
  # Every address gets a mailbox on first delivery; read it back over POP3 with the address as user and password.
  nohup java -Xms16m -Xmx96m -XX:+UseSerialGC $STACK_JAVA_OPTS -Dgreenmail.auth.disabled \
    -Dgreenmail.smtp.hostname=127.0.0.1 -Dgreenmail.smtp.port="$MAIL_SMTP_PORT" \
    -Dgreenmail.pop3.hostname=127.0.0.1 -Dgreenmail.pop3.port="$MAIL_POP3_PORT" \
    -jar "$MAIL_LIBS/greenmail-standalone.jar" >"$MAIL_DIR/greenmail.log" 2>&1 &
  echo $! >"$MAIL_DIR/mail.pid"
  local i
  for i in $(seq 1 60); do
    (exec 3<>"/dev/tcp/127.0.0.1/$MAIL_SMTP_PORT") 2>/dev/null && return
    sleep 0.5
  done
  tail -n 20 "$MAIL_DIR/greenmail.log"
  die "GreenMail is not answering on port $MAIL_SMTP_PORT"
}

# ---------------------------------------------------------------- Keycloak (OpenID Connect provider)
# The server is built once per machine and version (kc.sh build: about 50 s of both cores that start-dev spent at
# every start), beside the downloaded zip, so `clean` keeps it as it keeps the zip; each stack copies it and starts it
# --optimized. Local settings: PostgreSQL, a local cache (no cluster discovery), plain HTTP on 127.0.0.1 only.
KEYCLOAK_BUILT_MARK=.pdsa-built-postgres-local
keycloak_built_home() { echo "$KEYCLOAK_ZIP_DIR/built/keycloak-$KEYCLOAK_VERSION"; }
keycloak_build() {
  local zip=$1 built tmp
  built=$(keycloak_built_home)
  [ -f "$built/$KEYCLOAK_BUILT_MARK" ] && return
  if ! command -v unzip >/dev/null; then
    [ "$(id -u)" -eq 0 ] || die "unzip is required (apt-get install -y unzip)"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq unzip >/dev/null
  fi
  log "building Keycloak $KEYCLOAK_VERSION for the local stacks (first run only)"
  # Built aside and moved into place whole, so a stack starting meanwhile never sees half a build.
  tmp=$(mktemp -d "$KEYCLOAK_ZIP_DIR/build.XXXXXX")
  (cd "$tmp" && unzip -q "$zip")
  "$tmp/keycloak-$KEYCLOAK_VERSION/bin/kc.sh" build --db=postgres --cache=local >"$tmp/build.log" 2>&1 \
    || { tail -n 20 "$tmp/build.log"; die "Keycloak's build failed"; }
  touch "$tmp/keycloak-$KEYCLOAK_VERSION/$KEYCLOAK_BUILT_MARK"
  mkdir -p "$(dirname "$built")"
  if [ -f "$built/$KEYCLOAK_BUILT_MARK" ]; then
    rm -rf "$tmp"
  else
    rm -rf "$built"
    mv "$tmp/keycloak-$KEYCLOAK_VERSION" "$built"
    rm -rf "$tmp"
  fi
}

# Its own database on the stack's PostgreSQL; the realm (people, roles, trust systems' clients) is imported from
# local-stack/keycloak/pdsa-realm.json on the first start, and again whenever that file has changed. Started in the background; keycloak_wait waits for it.
keycloak_start() {
  [ "$STACK_KEYCLOAK" = 1 ] || return 0
  local home=$KEYCLOAK_DIR/keycloak-$KEYCLOAK_VERSION zip=$KEYCLOAK_ZIP_DIR/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip
  if pid_alive "$KEYCLOAK_DIR/keycloak.pid"; then
    log "Keycloak already running on port $KEYCLOAK_PORT (pid $(cat "$KEYCLOAK_DIR/keycloak.pid"))"
    return
  fi
  if [ ! -f "$zip" ]; then
    log "fetching Keycloak $KEYCLOAK_VERSION from Maven Central (165 MB, first run only)"
    mvn -q -B -Dstyle.color=never dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" \
      -DoutputDirectory="$KEYCLOAK_ZIP_DIR" >/dev/null
  fi
  keycloak_build "$zip"
  # Each stack runs its own copy of the built server (its import folder and temporary files are its own).
  if [ ! -f "$home/$KEYCLOAK_BUILT_MARK" ]; then
    rm -rf "$home"
    mkdir -p "$KEYCLOAK_DIR"
    cp -a "$(keycloak_built_home)" "$home"
  fi
  # Keycloak imports a realm only into an empty database: when the realm file has changed since the last import,
  # start again from an empty one (it holds only the sample people and clients of that file).
  local sum
  sum=$(sha256sum "$ROOT/local-stack/keycloak/pdsa-realm.json" | cut -d' ' -f1)
  KEYCLOAK_SEED=
  if [ "$(cat "$KEYCLOAK_DIR/realm.sha256" 2>/dev/null)" != "$sum" ]; then
    log "realm file new or changed since the last import: Keycloak's database is emptied to import it"
    pg_recreate_db keycloak
    keycloak_seed_restore "$sum"
  fi
  mkdir -p "$home/data/import"
  cp "$ROOT/local-stack/keycloak/pdsa-realm.json" "$home/data/import/"
  echo "$sum" >"$KEYCLOAK_DIR/realm.sha256"
  log "starting Keycloak on http://localhost:$KEYCLOAK_PORT (realm pdsa)"
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=$KEYCLOAK_ADMIN_PASSWORD \
    JAVA_OPTS_KC_HEAP="${KEYCLOAK_HEAP:--Xms64m -Xmx384m}" JAVA_OPTS_APPEND="$STACK_JAVA_OPTS" \
    nohup "$home/bin/kc.sh" start --optimized --cache=local --http-enabled=true --http-host=127.0.0.1 --http-port="$KEYCLOAK_PORT" \
      --http-management-port="$KEYCLOAK_MANAGEMENT_PORT" --hostname="http://localhost:$KEYCLOAK_PORT" \
      --db=postgres --db-url="jdbc:postgresql://127.0.0.1:$PG_PORT/keycloak" --db-username="$PG_USER" \
      --db-password="$PG_PASSWORD" --import-realm >"$KEYCLOAK_DIR/keycloak.log" 2>&1 &
  echo $! >"$KEYCLOAK_DIR/keycloak.pid"
}

# The seed: Keycloak's database just after a first import of the realm (its schema, the realm, the bootstrap admin),
# dumped once per machine beside the built server (so `clean` keeps it) and restored into the next empty database
# instead of Keycloak building its schema and importing again: on two cores that first start costs about 45-75 s, a
# start on a restored database about 12 s (the API guides' fresh platforms each start one). Keyed by the Keycloak
# version, the realm file, the bootstrap admin's password and PostgreSQL's major version, so a change to any of
# them imports afresh (and makes a new seed).
keycloak_seed_file() {
  local key
  key=$(printf '%s %s %s %s' "$KEYCLOAK_VERSION" "$1" "$KEYCLOAK_ADMIN_PASSWORD" "$(basename "$(dirname "$(pg_bin_dir)")")" \
    | sha256sum | cut -c1-16)
  echo "$KEYCLOAK_ZIP_DIR/seed/keycloak-$KEYCLOAK_VERSION-$key.dump"
}
# keycloak_seed_restore <realm sha>: restores the seed into the (empty) database when there is one; otherwise marks
# this start as the one whose import keycloak_wait dumps.
keycloak_seed_restore() {
  local seed
  seed=$(keycloak_seed_file "$1")
  if [ -f "$seed" ]; then
    log "restoring Keycloak's database from the seed of an earlier import ($(basename "$seed"))"
    if PGPASSWORD=$PG_PASSWORD "$(pg_bin_dir)/pg_restore" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d keycloak \
      --no-owner --no-privileges --exit-on-error "$seed" >"$KEYCLOAK_DIR/seed-restore.log" 2>&1; then
      return
    fi
    log "the seed did not restore (see $KEYCLOAK_DIR/seed-restore.log): importing the realm afresh"
    rm -f "$seed"
    pg_recreate_db keycloak
  fi
  KEYCLOAK_SEED=$seed
}
# After a first import into an empty database: dumped aside and moved into place whole.
keycloak_seed_save() {
  [ -n "${KEYCLOAK_SEED:-}" ] && [ ! -f "$KEYCLOAK_SEED" ] || return 0
  mkdir -p "$(dirname "$KEYCLOAK_SEED")"
  if PGPASSWORD=$PG_PASSWORD "$(pg_bin_dir)/pg_dump" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -Fc -d keycloak \
    -f "$KEYCLOAK_SEED.tmp.$$" 2>"$KEYCLOAK_DIR/seed-dump.log"; then
    mv "$KEYCLOAK_SEED.tmp.$$" "$KEYCLOAK_SEED"
    log "Keycloak's database saved as the seed for the next empty one ($(basename "$KEYCLOAK_SEED"))"
  else
    rm -f "$KEYCLOAK_SEED.tmp.$$"
  fi
}

keycloak_wait() {
  [ "$STACK_KEYCLOAK" = 1 ] || return 0
  local i
  for i in $(seq 1 180); do
    if curl -fs "http://localhost:$KEYCLOAK_PORT/realms/pdsa/.well-known/openid-configuration" >/dev/null 2>&1; then
      keycloak_seed_save
      return
    fi
    pid_alive "$KEYCLOAK_DIR/keycloak.pid" || break
    sleep 1
  done
  tail -n 30 "$KEYCLOAK_DIR/keycloak.log"
  die "Keycloak is not answering on port $KEYCLOAK_PORT"
}

stop_pid() {
  local name=$1 pidfile=$2 i
  if pid_alive "$pidfile"; then
    local pid
    pid=$(cat "$pidfile")
    log "stopping $name (pid $pid)"
    kill "$pid"
    for i in $(seq 1 60); do alive "$pid" || break; sleep 0.5; done
    alive "$pid" && { log "$name did not stop in 30 s; killing it"; kill -9 "$pid"; }
  fi
  rm -f "$pidfile"
}

status() {
  local bin home
  bin=$(pg_bin_dir)
  home=$(pg_home)
  if [ -n "$bin" ] && pg_running "$home"; then
    echo "postgresql  running  127.0.0.1:$PG_PORT  data $home/data"
  else
    echo "postgresql  stopped"
  fi
  if pid_alive "$KAFKA_DIR/kafka.pid"; then
    echo "kafka       running  127.0.0.1:$KAFKA_PORT  pid $(cat "$KAFKA_DIR/kafka.pid")  data $KAFKA_DIR/data"
  else
    echo "kafka       stopped"
  fi
  if pid_alive "$KEYCLOAK_DIR/keycloak.pid"; then
    echo "keycloak    running  http://localhost:$KEYCLOAK_PORT/realms/pdsa  pid $(cat "$KEYCLOAK_DIR/keycloak.pid")"
  else
    echo "keycloak    stopped"
  fi
  if pid_alive "$MAIL_DIR/mail.pid"; then
    echo "mail        running  smtp 127.0.0.1:$MAIL_SMTP_PORT  pop3 127.0.0.1:$MAIL_POP3_PORT  pid $(cat "$MAIL_DIR/mail.pid")"
  else
    echo "mail        stopped"
  fi
}

# A signing key pair for the local stack's tokens (./platform token, the sample data loader), made at the
# first start and kept with the stack's data (.stack/ is never committed). The services trust the public half.
keys_start() {
  local dir=$STACK_DIR/keys
  [ -f "$dir/jwt-private.pem" ] && [ -f "$dir/jwt-public.pem" ] && return 0
  if ! command -v openssl >/dev/null; then
    [ "$(id -u)" -eq 0 ] || { echo "openssl is required (apt-get install -y openssl)" >&2; exit 1; }
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssl >/dev/null
  fi
  mkdir -p "$dir" && chmod 700 "$dir"
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/jwt-private.pem" 2>/dev/null
  openssl pkey -in "$dir/jwt-private.pem" -pubout -out "$dir/jwt-public.pem"
  chmod 600 "$dir/jwt-private.pem"
  echo "[stack] generated the token signing key pair in $dir"
}

case "${1:-}" in
  start) keys_start; pg_start; keycloak_start; kafka_start; mail_start; keycloak_wait ;;
  stop) stop_pid Keycloak "$KEYCLOAK_DIR/keycloak.pid"; stop_pid GreenMail "$MAIL_DIR/mail.pid"; stop_pid Kafka "$KAFKA_DIR/kafka.pid"; pg_stop ;;
  status) status ;;
  clean) stop_pid Keycloak "$KEYCLOAK_DIR/keycloak.pid"; stop_pid GreenMail "$MAIL_DIR/mail.pid"; stop_pid Kafka "$KAFKA_DIR/kafka.pid"; pg_stop; rm -rf "$STACK_DIR" "$(dirname "$(pg_fallback_home)")" ;;
  kafka-stop) stop_pid Kafka "$KAFKA_DIR/kafka.pid" ;;
  kafka-start) kafka_start ;;
  pg-stop) pg_stop ;;
  pg-start) pg_start ;;
  *) echo "usage: $0 start|stop|status|clean|kafka-stop|kafka-start|pg-stop|pg-start" >&2; exit 2 ;;
esac
