{{/* Chart name, overridable. */}}
{{- define "kubezap.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Base name of the release's objects: the release name, prefixed with the chart name unless it already contains it. */}}
{{- define "kubezap.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "kubezap.operator.fullname" -}}
{{- printf "%s-operator" (include "kubezap.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "kubezap.postgresql.fullname" -}}
{{- printf "%s-postgresql" (include "kubezap.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "kubezap.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/part-of: kubezap
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
{{- end }}

{{- define "kubezap.operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "kubezap.name" . }}-operator
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "kubezap.operator.labels" -}}
{{ include "kubezap.labels" . }}
{{ include "kubezap.operator.selectorLabels" . }}
app.kubernetes.io/component: operator
{{- end }}

{{- define "kubezap.postgresql.selectorLabels" -}}
app.kubernetes.io/name: {{ include "kubezap.name" . }}-postgresql
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "kubezap.postgresql.labels" -}}
{{ include "kubezap.labels" . }}
{{ include "kubezap.postgresql.selectorLabels" . }}
app.kubernetes.io/component: database
{{- end }}

{{- define "kubezap.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "kubezap.operator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create=false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
repository@digest when a digest is set (what was tested is what runs: a tag can be moved, a digest cannot), else
repository:tag, the tag defaulting to the chart's appVersion. Call with (dict "image" .Values.x.image "context" $).
*/}}
{{- define "kubezap.image" -}}
{{- if .image.digest }}
{{- printf "%s@%s" .image.repository .image.digest }}
{{- else }}
{{- printf "%s:%s" .image.repository (default .context.Chart.AppVersion .image.tag) }}
{{- end }}
{{- end }}

{{/* Name of the Secret with the database credentials: the bundled one, or the user's. */}}
{{- define "kubezap.database.secretName" -}}
{{- if eq (include "kubezap.postgresql.mode" .) "cloudnativepg" }}
{{- printf "%s-app" (include "kubezap.cloudnativepg.clusterName" .) }}
{{- else if .Values.postgresql.bundled.enabled }}
{{- default (include "kubezap.postgresql.fullname" .) .Values.postgresql.bundled.existingSecret }}
{{- else }}
{{- .Values.postgresql.external.secretName }}
{{- end }}
{{- end }}

{{/* The operator's RBAC rules, read from the file the operator module keeps up to date. */}}
{{- define "kubezap.operator.rules" -}}
{{- $rules := .Files.Get "files/operator-clusterrole-rules.yaml" | fromYamlArray }}
{{- if not $rules }}
{{- fail "files/operator-clusterrole-rules.yaml is missing or empty: the chart cannot grant the operator its permissions" }}
{{- end }}
{{- toYaml $rules }}
{{- end }}

{{/* The operator's rules on cluster-scoped resources (files/operator-cluster-scoped-rules.yaml): a ClusterRole in every mode. */}}
{{- define "kubezap.operator.clusterScopedRules" -}}
{{- $rules := .Files.Get "files/operator-cluster-scoped-rules.yaml" | fromYamlArray }}
{{- if not $rules }}
{{- fail "files/operator-cluster-scoped-rules.yaml is missing or empty" }}
{{- end }}
{{- toYaml $rules }}
{{- end }}

{{/* The operator's rules in the gateway's namespace: the copies of the sessions' API keys (files/operator-gateway-namespace-rules.yaml). */}}
{{- define "kubezap.operator.gatewayNamespaceRules" -}}
{{- $rules := .Files.Get "files/operator-gateway-namespace-rules.yaml" | fromYamlArray }}
{{- if not $rules }}
{{- fail "files/operator-gateway-namespace-rules.yaml is missing or empty" }}
{{- end }}
{{- toYaml $rules }}
{{- end }}

{{/* The release namespace plus every watched one: where the operator needs a Role in namespaced mode, and where session pods find the bundled database's Secret. */}}
{{- define "kubezap.releaseAndWatchedNamespaces" -}}
{{- toYaml (uniq (prepend .Values.watchNamespaces .Release.Namespace)) }}
{{- end }}

{{- define "kubezap.restrictedContainerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop: ["ALL"]
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* A ClusterRole or Role with the operator's rules, bound to its ServiceAccount. Call with (dict "context" $ "kind" "Role" "namespace" "ns"),
     and "suffix" and "rules" for another set of rules than the operator's main one (named <operator>-<suffix>). */}}
{{- define "kubezap.operator.roleAndBinding" -}}
{{- $ := .context }}
{{- $name := include "kubezap.operator.fullname" $ }}
{{- with .suffix }}
{{- $name = printf "%s-%s" $name . }}
{{- end }}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: {{ .kind }}
metadata:
  name: {{ $name }}
  {{- with .namespace }}
  namespace: {{ . }}
  {{- end }}
  labels:
    {{- include "kubezap.operator.labels" $ | nindent 4 }}
rules:
  {{- .rules | default (include "kubezap.operator.rules" $) | nindent 2 }}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: {{ .kind }}Binding
metadata:
  name: {{ $name }}
  {{- with .namespace }}
  namespace: {{ . }}
  {{- end }}
  labels:
    {{- include "kubezap.operator.labels" $ | nindent 4 }}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: {{ .kind }}
  name: {{ $name }}
subjects:
  - kind: ServiceAccount
    name: {{ include "kubezap.serviceAccountName" $ }}
    namespace: {{ $.Release.Namespace }}
{{ end }}

{{/*
pg_hba lines that keep a tenant's namespace role (group kubezap_session, schema SessionSchema.SESSION_GROUP_ROLE) in
kubezap's database: refused by every other one before a password is asked (issue 79, S1). First in the file.
*/}}
{{- define "kubezap.postgresql.tenantHba" -}}
- host {{ .Values.postgresql.bundled.database | quote }} +kubezap_session all scram-sha-256
- host all +kubezap_session all reject
{{- end }}

{{/* The bundled server's ConfigMap data; its checksum rolls the server when it changes. */}}
{{- define "kubezap.postgresql.bundledConfig" -}}
pg_hba.conf: |
  # TYPE  DATABASE  USER  ADDRESS  METHOD
  {{- range (include "kubezap.postgresql.pooledHba" . | fromYamlArray) }}
  {{ . }}
  {{- end }}
  {{- range (include "kubezap.postgresql.tenantHba" . | fromYamlArray) }}
  {{ . }}
  {{- end }}
  # as the postgres image writes it: the container's socket and loopback trusted, a password over the network
  local all all trust
  host all all 127.0.0.1/32 trust
  host all all ::1/128 trust
  local replication all trust
  host replication all 127.0.0.1/32 trust
  host replication all ::1/128 trust
  host all all all scram-sha-256
bootstrap.sql: |
  {{- .Files.Get "files/database-bootstrap.sql" | nindent 2 }}
{{- end }}

{{/* Where the database runs: cloudnativepg (a CloudNativePG Cluster and Pooler), bundled or external. */}}
{{- define "kubezap.postgresql.mode" -}}
{{- if .Values.postgresql.cloudnativepg.enabled }}cloudnativepg
{{- else if .Values.postgresql.bundled.enabled }}bundled
{{- else }}external
{{- end }}
{{- end }}

{{/*
Connections all session roles may hold at once on a server they reach directly: operator.maxSessions × each session
pod's share of its namespace role's CONNECTION LIMIT (session.databasePoolMax + 1) + host.maxHosts × each session
host's (host.databasePoolMax + 1; operator SessionRoles, RoleConnectionBudget: a session on a host counts in its
host's pool, and host-placed sessions are outside operator.maxSessions). The sum of the limits, not of the pools: a
tenant holds its role's credentials and may open every connection the limit allows.
*/}}
{{- define "kubezap.database.sessionConnections" -}}
{{- add (mul (int .Values.operator.maxSessions) (int (include "kubezap.database.roleConnectionLimit" .)))
      (include "kubezap.database.hostConnections" . | int) }}
{{- end }}

{{/* The session hosts' share of the role limits: host.maxHosts × (host.databasePoolMax + 1). */}}
{{- define "kubezap.database.hostConnections" -}}
{{- mul (int .Values.host.maxHosts) (add (int .Values.host.databasePoolMax) 1) }}
{{- end }}

{{/* The direct budget: the session roles' limits + the reserve + PostgreSQL's 3 superuser-reserved. */}}
{{- define "kubezap.database.directConnectionsNeeded" -}}
{{- add (int (include "kubezap.database.sessionConnections" .)) (int .Values.database.reservedConnections) 3 }}
{{- end }}

{{/*
"true" when the chart's PgBouncer runs in front of the bundled server: pooler.enabled, or auto and a direct budget
above pooler.autoAbove (not with bundled.existingSecret: PgBouncer's own login is written from the generated Secret).
*/}}
{{- define "kubezap.pooler.enabled" -}}
{{- $pooler := .Values.postgresql.pooler }}
{{- if eq (include "kubezap.postgresql.mode" .) "bundled" }}
{{- if eq (toString $pooler.enabled) "auto" }}
{{- if not .Values.postgresql.bundled.existingSecret }}
{{- if gt (int (include "kubezap.database.directConnectionsNeeded" .)) (int $pooler.autoAbove) }}true{{ end }}
{{- end }}
{{- else if $pooler.enabled }}true
{{- end }}
{{- end }}
{{- end }}

{{/*
"true" when the chart's PgBouncer logs every namespace in to the server as the one role kubezap_pooled by client
certificate (postgresql.pooler.sharedServerRole, docs/decisions/0020); refused where the chart does not run that pooler.
*/}}
{{- define "kubezap.pooler.sharedServerRole" -}}
{{- if .Values.postgresql.pooler.sharedServerRole }}
{{- if not (include "kubezap.pooler.enabled" .) }}
{{- fail "postgresql.pooler.sharedServerRole needs the chart's PgBouncer in front of the bundled server (postgresql.bundled.enabled, postgresql.pooler.enabled not false, no bundled.existingSecret); CloudNativePG's Pooler cannot log clients in as another server user (docs/decisions/0020)" }}
{{- end }}true
{{- end }}
{{- end }}

{{/* The server role every namespace shares behind the pooler (schema SessionSchema.POOLED_SERVER_ROLE). */}}
{{- define "kubezap.pooler.serverRole" -}}kubezap_pooled{{- end }}

{{/* The bundled server's TLS Secret (CA, its certificate and key) and PgBouncer's client certificate Secret. */}}
{{- define "kubezap.postgresql.tlsSecret" -}}
{{- printf "%s-tls" (include "kubezap.postgresql.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "kubezap.pooler.clientTlsSecret" -}}
{{- printf "%s-client-tls" (include "kubezap.pooler.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
pg_hba lines of the shared server role, first in the file (the role is a member of kubezap_session, whose password line
would take it): by the pooler's client certificate only, so no password a tenant sets on the role opens a login.
*/}}
{{- define "kubezap.postgresql.pooledHba" -}}
{{- if include "kubezap.pooler.sharedServerRole" . }}
- hostssl {{ .Values.postgresql.bundled.database | quote }} {{ include "kubezap.pooler.serverRole" . }} all cert
- host all {{ include "kubezap.pooler.serverRole" . }} all reject
{{- end }}
{{- end }}

{{/* session.databasePoolMin: auto is 1 when the sessions' connections end at a pooler, else 0. */}}
{{- define "kubezap.session.databasePoolMin" -}}
{{- if ne (toString .Values.session.databasePoolMin) "auto" }}{{ .Values.session.databasePoolMin }}
{{- else if gt (int (include "kubezap.database.poolerConnections" .)) 0 }}1
{{- else }}0
{{- end }}
{{- end }}

{{/* Server connections the poolers open together: each PgBouncer's max_db_connections × its replicas; 0 without a pooler. */}}
{{- define "kubezap.database.poolerConnections" -}}
{{- $each := int .Values.postgresql.pooler.serverConnections }}
{{- if eq (include "kubezap.postgresql.mode" .) "cloudnativepg" }}
{{- mul $each (int .Values.postgresql.cloudnativepg.pooler.instances) }}
{{- else if include "kubezap.pooler.enabled" . }}
{{- mul $each (int .Values.postgresql.pooler.replicas) }}
{{- else }}0
{{- end }}
{{- end }}

{{/* Server connections the release needs: the sessions' (or, through a pooler, the poolers') + the reserve + PostgreSQL's 3 superuser-reserved. */}}
{{- define "kubezap.database.serverConnectionsNeeded" -}}
{{- $pooled := int (include "kubezap.database.poolerConnections" .) }}
{{- if gt $pooled 0 }}
{{- add $pooled (int .Values.database.reservedConnections) 3 }}
{{- else }}
{{- include "kubezap.database.directConnectionsNeeded" . }}
{{- end }}
{{- end }}

{{/* The budget in words, for refusals. */}}
{{- define "kubezap.database.budgetText" -}}
{{- if gt (int (include "kubezap.database.poolerConnections" .)) 0 -}}
postgresql.pooler.serverConnections ({{ .Values.postgresql.pooler.serverConnections }}) × {{ if eq (include "kubezap.postgresql.mode" .) "cloudnativepg" }}postgresql.cloudnativepg.pooler.instances ({{ .Values.postgresql.cloudnativepg.pooler.instances }}){{ else }}postgresql.pooler.replicas ({{ .Values.postgresql.pooler.replicas }}){{ end }} + database.reservedConnections ({{ .Values.database.reservedConnections }}) + 3 superuser-reserved = {{ include "kubezap.database.serverConnectionsNeeded" . }}
{{- else -}}
operator.maxSessions ({{ .Values.operator.maxSessions }}) × (session.databasePoolMax ({{ .Values.session.databasePoolMax }}) + 1, each session role's CONNECTION LIMIT){{ if gt (int .Values.host.maxHosts) 0 }} + host.maxHosts ({{ .Values.host.maxHosts }}) × (host.databasePoolMax ({{ .Values.host.databasePoolMax }}) + 1){{ end }} + database.reservedConnections ({{ .Values.database.reservedConnections }}) + 3 superuser-reserved = {{ include "kubezap.database.serverConnectionsNeeded" . }}
{{- end -}}
{{- end }}

{{/*
max_connections of a server the chart runs: the budget, or the value set if it holds the budget (else the install is
refused). Unset and above postgresql.pooler.autoAbove without a pooler: refused too (no PostgreSQL is sized for tens
of thousands of connections; the pooler is). Call with (dict "context" $ "set" <maxConnections value> "key" <its name>).
*/}}
{{- define "kubezap.postgresql.maxConnections" -}}
{{- $ := .context }}
{{- $needed := int (include "kubezap.database.serverConnectionsNeeded" $) }}
{{- if kindIs "string" .set }}
{{- if and (eq (int (include "kubezap.database.poolerConnections" $)) 0) (gt $needed (int $.Values.postgresql.pooler.autoAbove)) }}
{{- fail (printf "the sessions need %s connections on the server, more than postgresql.pooler.autoAbove (%d): put them behind the pooler (postgresql.pooler.enabled=auto or true, or postgresql.cloudnativepg.enabled=true), lower operator.maxSessions, or set %s yourself (docs/database.md)" (include "kubezap.database.budgetText" $) (int $.Values.postgresql.pooler.autoAbove) .key) }}
{{- end }}
{{- $needed }}
{{- else if lt (int .set) $needed }}
{{- fail (printf "%s=%d cannot hold the connection budget: %s. Raise it, or lower operator.maxSessions / session.databasePoolMax (docs/database.md)" .key (int .set) (include "kubezap.database.budgetText" $)) }}
{{- else }}
{{- int .set }}
{{- end }}
{{- end }}

{{- define "kubezap.postgresql.bundledMaxConnections" -}}
{{- include "kubezap.postgresql.maxConnections" (dict "context" . "set" .Values.postgresql.bundled.maxConnections "key" "postgresql.bundled.maxConnections") }}
{{- end }}

{{- define "kubezap.postgresql.cloudnativepgMaxConnections" -}}
{{- include "kubezap.postgresql.maxConnections" (dict "context" . "set" .Values.postgresql.cloudnativepg.maxConnections "key" "postgresql.cloudnativepg.maxConnections") }}
{{- end }}

{{/* Refuses a budget the server cannot hold (bundled, CloudNativePG, or an external server's declared max_connections). */}}
{{- define "kubezap.database.checkBudget" -}}
{{- $mode := include "kubezap.postgresql.mode" . }}
{{- if eq $mode "bundled" }}
{{- $_ := include "kubezap.postgresql.bundledMaxConnections" . }}
{{- else if eq $mode "cloudnativepg" }}
{{- $_ := include "kubezap.postgresql.cloudnativepgMaxConnections" . }}
{{- else if .Values.postgresql.external.maxConnections }}
{{- $needed := int (include "kubezap.database.serverConnectionsNeeded" .) }}
{{- if lt (int .Values.postgresql.external.maxConnections) $needed }}
{{- fail (printf "postgresql.external.maxConnections=%d cannot hold the connection budget: %s. Raise the server's max_connections, put a pooler in front (docs/database.md), or lower operator.maxSessions / session.databasePoolMax" (int .Values.postgresql.external.maxConnections) (include "kubezap.database.budgetText" .)) }}
{{- end }}
{{- end }}
{{- if and .Values.gateway.enabled .Values.gateway.database.enabled }}
{{- $gateway := mul (int .Values.gateway.replicas) (add (int .Values.gateway.database.poolMax) 1) }}
{{- if gt (add $gateway 3) (int .Values.database.reservedConnections) }}
{{- fail (printf "gateway.replicas (%d) × (gateway.database.poolMax (%d) + 1 listening) + 3 (operator, its listening connection, migration Job) = %d connections do not fit database.reservedConnections (%d): raise it, or lower gateway.replicas / gateway.database.poolMax" (int .Values.gateway.replicas) (int .Values.gateway.database.poolMax) (add $gateway 3) (int .Values.database.reservedConnections)) }}
{{- end }}
{{- end }}
{{- if and (eq (toString .Values.postgresql.pooler.enabled) "true") (eq $mode "external") }}
{{- fail "postgresql.pooler.enabled deploys PgBouncer in front of the bundled PostgreSQL; with an external server, run your own pooler and put its URL under the key session-jdbc-uri of your Secret (docs/database.md)" }}
{{- end }}
{{- if and (include "kubezap.pooler.enabled" .) .Values.postgresql.bundled.existingSecret }}
{{- fail "postgresql.pooler.enabled needs the chart's generated database Secret (its PgBouncer login is written from it): unset postgresql.bundled.existingSecret, or set postgresql.pooler.enabled=false (with operator.maxSessions small enough for a direct budget)" }}
{{- end }}
{{- end }}

{{/* The CloudNativePG Cluster (its Secret <name>-app, its Service <name>-rw) and its Pooler (and the Pooler's Service). */}}
{{- define "kubezap.cloudnativepg.clusterName" -}}
{{- printf "%s-db" (include "kubezap.fullname" .) | trunc 50 | trimSuffix "-" }}
{{- end }}

{{- define "kubezap.cloudnativepg.poolerName" -}}
{{- printf "%s-pooler" (include "kubezap.cloudnativepg.clusterName" .) }}
{{- end }}

{{/* The URL session pods connect to when the chart names it (CloudNativePG's Pooler); empty otherwise. */}}
{{- define "kubezap.database.sessionUrl" -}}
{{- if eq (include "kubezap.postgresql.mode" .) "cloudnativepg" }}
{{- printf "jdbc:postgresql://%s.%s.svc:5432/%s%s" (include "kubezap.cloudnativepg.poolerName" .) .Release.Namespace .Values.postgresql.bundled.database (include "kubezap.pooler.urlParameters" .) }}
{{- end }}
{{- end }}

{{/* A pooler that keeps no prepared statements must get none: pgjdbc then prepares nothing on the server. */}}
{{- define "kubezap.pooler.urlParameters" -}}
{{- if eq (int .Values.postgresql.pooler.maxPreparedStatements) 0 }}?prepareThreshold=0{{ end }}
{{- end }}

{{- define "kubezap.pooler.fullname" -}}
{{- printf "%s-pgbouncer" (include "kubezap.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "kubezap.pooler.selectorLabels" -}}
app.kubernetes.io/name: {{ include "kubezap.name" . }}-pgbouncer
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "kubezap.pooler.labels" -}}
{{ include "kubezap.labels" . }}
{{ include "kubezap.pooler.selectorLabels" . }}
app.kubernetes.io/component: pooler
{{- end }}

{{/* Keys of the admin database Secret: the bundled Secret's (CloudNativePG's app Secret has the same), or the configured external ones. */}}
{{- define "kubezap.database.keys" -}}
{{- if ne (include "kubezap.postgresql.mode" .) "external" }}
{{- toYaml (dict "jdbcUri" "jdbc-uri" "username" "username" "password" "password") }}
{{- else }}
{{- toYaml .Values.postgresql.external.keys }}
{{- end }}
{{- end }}

{{/* PgBouncer's configuration. Call with (dict "context" $ "clients" N). */}}
{{- define "kubezap.pooler.ini" -}}
{{- $ := .context }}
{{- $db := $.Values.postgresql.bundled }}
{{- $pooler := $.Values.postgresql.pooler }}
{{- $shared := include "kubezap.pooler.sharedServerRole" $ }}
{{- $role := include "kubezap.pooler.serverRole" $ }}
[databases]
{{- if $shared }}
; every namespace's clients reach the server as {{ $role }} (a forced server user), by client certificate; each new
; server connection first puts back the role's defaults a tenant may have changed (docs/decisions/0020)
{{ $db.database }} = host={{ include "kubezap.postgresql.fullname" $ }}.{{ $.Release.Namespace }}.svc port=5432 dbname={{ $db.database }} auth_user={{ $db.username }} user={{ $role }} connect_query='{{ include "kubezap.pooler.connectQuery" $ }}'
{{- else }}
{{ $db.database }} = host={{ include "kubezap.postgresql.fullname" $ }}.{{ $.Release.Namespace }}.svc port=5432 dbname={{ $db.database }} auth_user={{ $db.username }}
{{- end }}

[pgbouncer]
listen_addr = 0.0.0.0
listen_port = 5432
unix_socket_dir =
auth_type = scram-sha-256
auth_file = /etc/pgbouncer/auth/pgbouncer-userlist.txt
{{- if $shared }}
; never a login as the server role itself, whatever password a tenant set on it
auth_query = SELECT usename, passwd FROM pg_shadow WHERE usename = $1 AND usename <> '{{ $role }}'
server_tls_sslmode = verify-ca
server_tls_ca_file = /etc/pgbouncer/tls/ca.crt
server_tls_cert_file = /etc/pgbouncer/tls/tls.crt
server_tls_key_file = /etc/pgbouncer/tls/tls.key
pool_mode = transaction
; no SET a tenant made outlives its transaction on a connection the next namespace gets
server_reset_query = RESET ALL
server_reset_query_always = 1
; a tenant may SET its own timeouts away on the shared role; these it cannot (the role's are 30 s and 60 s, V94)
idle_transaction_timeout = 60
query_timeout = 120
{{- else }}
auth_query = SELECT usename, passwd FROM pg_shadow WHERE usename = $1
pool_mode = transaction
{{- end }}
; every session pod's whole pool may be open at once (the connection budget); the server sees max_db_connections,
; sized to the primary's vCPUs, not to the sessions. Pools are per (database, role) and the sessions of a namespace
; share its role (each names itself per transaction with its token, docs/decisions/0017): a server connection passes
; between them with no new login
max_client_conn = {{ .clients }}
max_db_connections = {{ $pooler.serverConnections }}
{{- if $shared }}
; one pool, of the server role, for all namespaces: a namespace's share is its share of the transactions waiting; a
; namespace far past it is held by its client connections (max_user_client_connections, a client login's own)
default_pool_size = {{ $pooler.serverConnections }}
max_user_client_connections = {{ $pooler.namespaceClientConnections }}
{{- else }}
; a namespace's role gets at most its share of the server connections and of the client slots: a tenant that logs in
; with its namespace's credentials cannot take the others' share (docs/security.md, issue 51 item 5)
max_user_connections = {{ $pooler.namespaceServerConnections }}
; a namespace's pool stops growing at its share: a bigger pool would have PgBouncer close another namespace's idle
; connection to make room before it finds this role full, and that namespace would then log in again (docs/database.md)
default_pool_size = {{ $pooler.namespaceServerConnections }}
max_user_client_connections = {{ $pooler.namespaceClientConnections }}
{{- end }}
; pgjdbc sends extra_float_digits at start-up
ignore_startup_parameters = extra_float_digits
; pgjdbc prepares a statement it runs again (prepareThreshold, 5); PgBouncer prepares it on each server connection that
; runs it, so row-level security is not planned again in every transaction (docs/database.md)
max_prepared_statements = {{ $pooler.maxPreparedStatements }}
server_idle_timeout = 60
log_connections = 0
log_disconnections = 0

[users]
; the admin is auth_user: it looks every session role up, so it is not held to a session's share
{{ $db.username }} = max_user_connections={{ $pooler.serverConnections }} max_user_client_connections=0
{{- end }}

{{/* The shared role's connect_query: schema SessionSchema.pooledConnectQuery("public"), checked by the helm tests. */}}
{{- define "kubezap.pooler.connectQuery" -}}
begin read write; set local role none; set local statement_timeout = 0; set local lock_timeout = 0; select public.kubezap_pooled_restore_defaults(); commit; select public.kubezap_pooled_check_login()
{{- end }}

{{/* Each session's share of its namespace role's CONNECTION LIMIT (operator SessionRoles: the pod's pool + 1). */}}
{{- define "kubezap.database.roleConnectionLimit" -}}
{{- add (int .Values.session.databasePoolMax) 1 }}
{{- end }}

{{- define "kubezap.gateway.fullname" -}}
{{- printf "%s-gateway" (include "kubezap.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "kubezap.gateway.selectorLabels" -}}
app.kubernetes.io/name: {{ include "kubezap.name" . }}-gateway
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "kubezap.gateway.labels" -}}
{{ include "kubezap.labels" . }}
{{ include "kubezap.gateway.selectorLabels" . }}
app.kubernetes.io/component: gateway
{{- end }}

{{- define "kubezap.gateway.sessionRules" -}}
- apiGroups: ["kubezap.io"]
  resources: ["whatsappsessions"]
  verbs: ["get", "list", "watch", "create", "update", "delete"]
{{- end }}

{{- define "kubezap.gateway.reviewRules" -}}
- apiGroups: ["authentication.k8s.io"]
  resources: ["tokenreviews"]
  verbs: ["create"]
- apiGroups: ["authorization.k8s.io"]
  resources: ["subjectaccessreviews"]
  verbs: ["create"]
{{- end }}

{{- /* In the gateway's namespace only: its own API keys (label kubezap.io/gateway-key) and the copies of the
       sessions' API keys the operator keeps there (label kubezap.io/session-api-key-copy), watched; a copy not yet
       in the cache is read by name. The gateway has no right on Secrets anywhere else. */}}
{{- define "kubezap.gateway.keyRules" -}}
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "list", "watch"]
{{- /* KeyExpiringSoon Warning Events on its own key Secrets (looked up by name before one is written) */}}
- apiGroups: [""]
  resources: ["events"]
  verbs: ["get", "create"]
{{- end }}

{{/* A (Cluster)Role named <gateway>-<suffix> with the given rules, bound to the gateway's ServiceAccount. */}}
{{- define "kubezap.gateway.roleAndBinding" -}}
{{- $ := .context }}
{{- $name := printf "%s-%s" (include "kubezap.gateway.fullname" $) .suffix }}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: {{ .kind }}
metadata:
  name: {{ $name }}
  {{- with .namespace }}
  namespace: {{ . }}
  {{- end }}
  labels:
    {{- include "kubezap.gateway.labels" $ | nindent 4 }}
rules:
  {{- .rules | nindent 2 }}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: {{ .kind }}Binding
metadata:
  name: {{ $name }}
  {{- with .namespace }}
  namespace: {{ . }}
  {{- end }}
  labels:
    {{- include "kubezap.gateway.labels" $ | nindent 4 }}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: {{ .kind }}
  name: {{ $name }}
subjects:
  - kind: ServiceAccount
    name: {{ include "kubezap.gateway.fullname" $ }}
    namespace: {{ $.Release.Namespace }}
{{ end }}

{{/* The admin database credential as Quarkus datasource variables (the migration Job, the gateway). */}}
{{- define "kubezap.database.adminEnv" -}}
{{- $keys := include "kubezap.database.keys" . | fromYaml -}}
- name: QUARKUS_DATASOURCE_JDBC_URL
  valueFrom:
    secretKeyRef:
      name: {{ include "kubezap.database.secretName" . }}
      key: {{ $keys.jdbcUri }}
- name: QUARKUS_DATASOURCE_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ include "kubezap.database.secretName" . }}
      key: {{ $keys.username }}
- name: QUARKUS_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "kubezap.database.secretName" . }}
      key: {{ $keys.password }}
{{- end }}

{{/* The gateway's own database login: the admin's URL (the gateway drops any credentials it carries), the role
     kubezap_gateway and its password, never the admin's. */}}
{{- define "kubezap.gateway.databaseEnv" -}}
{{- $keys := include "kubezap.database.keys" . | fromYaml -}}
- name: QUARKUS_DATASOURCE_JDBC_URL
  valueFrom:
    secretKeyRef:
      name: {{ include "kubezap.database.secretName" . }}
      key: {{ $keys.jdbcUri }}
- name: QUARKUS_DATASOURCE_USERNAME
  value: kubezap_gateway
- name: QUARKUS_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "kubezap.gateway.databaseSecret" . }}
      key: password
{{- end }}

{{/* The Secret with the gateway's database password: the user's (gateway.database.existingSecret) or the generated one. */}}
{{- define "kubezap.gateway.databaseSecret" -}}
{{- .Values.gateway.database.existingSecret | default (printf "%s-database" (include "kubezap.gateway.fullname" .)) -}}
{{- end }}

{{/* The gateway's admin-key Secret: the user's (gateway.adminKey.existingSecret) or the one the chart generates. */}}
{{/* The only namespace whose Secrets the gateway reads: gateway.keysNamespace.name, else <release namespace>-gateway-keys. */}}
{{- define "kubezap.gateway.keysNamespace" -}}
{{- .Values.gateway.keysNamespace.name | default (printf "%s-gateway-keys" (.Release.Namespace | default "default") | trunc 63 | trimSuffix "-") -}}
{{- end }}

{{- define "kubezap.gateway.adminKeySecret" -}}
{{- .Values.gateway.adminKey.existingSecret | default (printf "%s-admin-key" (include "kubezap.gateway.fullname" .)) -}}
{{- end }}

{{/* The Secret holding the stream-token key: the user's (gateway.streamTokenKey.existingSecret) or the generated one. */}}
{{- define "kubezap.gateway.streamTokenKeySecret" -}}
{{- .Values.gateway.streamTokenKey.existingSecret | default (printf "%s-stream-token-key" (include "kubezap.gateway.fullname" .)) -}}
{{- end }}

{{/* The generated stream-token key: the one in the cluster (kept across upgrades), else a new random one. Worked out
     once per render and kept in the values, so that the Secret and the Deployment's checksum see the same key. */}}
{{- define "kubezap.gateway.generatedStreamTokenKey" -}}
{{- $memo := .Values.gateway.streamTokenKey -}}
{{- if not (hasKey $memo "generated") -}}
{{- $key := randAlphaNum 48 -}}
{{- $existing := lookup "v1" "Secret" .Release.Namespace (include "kubezap.gateway.streamTokenKeySecret" .) -}}
{{- if $existing -}}
{{- $key = index $existing.data "key" | b64dec -}}
{{- end -}}
{{- $_ := set $memo "generated" $key -}}
{{- end -}}
{{- $memo.generated -}}
{{- end }}

{{/* sha256 of the stream-token key, on the gateway's pod template: a changed key rolls the replicas (they read it once,
     from the environment). For an existing Secret, what lookup sees: empty under `helm template`, so stable there. */}}
{{- define "kubezap.gateway.streamTokenKeyChecksum" -}}
{{- if .Values.gateway.streamTokenKey.existingSecret -}}
{{- $secret := lookup "v1" "Secret" .Release.Namespace .Values.gateway.streamTokenKey.existingSecret | default dict -}}
{{- get ($secret.data | default dict) "key" | default "" | b64dec | sha256sum -}}
{{- else -}}
{{- include "kubezap.gateway.generatedStreamTokenKey" . | sha256sum -}}
{{- end -}}
{{- end }}

{{/*
"true" when session pods leave their user, group and fsGroup to the platform (session.securityContext
.platformAssignsUser; unset: where OpenShift's SecurityContextConstraints are served), else empty.
*/}}
{{- define "kubezap.session.platformAssignsUser" -}}
{{- $assigns := .Values.session.securityContext.platformAssignsUser -}}
{{- if kindIs "invalid" $assigns -}}
{{- $assigns = .Capabilities.APIVersions.Has "security.openshift.io/v1" -}}
{{- end -}}
{{- if $assigns }}true{{ end -}}
{{- end -}}

{{/*
"true" when the Prometheus Operator objects are rendered: monitoring.enabled true, or auto and the cluster serves
monitoring.coreos.com/v1; else empty.
*/}}
{{- define "kubezap.monitoring.enabled" -}}
{{- $enabled := .Values.monitoring.enabled -}}
{{- if eq (toString $enabled) "auto" -}}
{{- $enabled = .Capabilities.APIVersions.Has "monitoring.coreos.com/v1" -}}
{{- end -}}
{{- if $enabled }}true{{ end -}}
{{- end -}}

{{/* Labels of every monitoring object: the chart's own plus monitoring.labels (what a Prometheus selects by). */}}
{{- define "kubezap.monitoring.labels" -}}
{{ include "kubezap.labels" . }}
{{- with .Values.monitoring.labels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- /* Egress shared by session pods and the gateway: DNS and PostgreSQL (bundled server, pooler or external CIDRs). */ -}}
{{- define "kubezap.egress.dnsAndDatabase" -}}
{{- $egress := .Values.networkPolicy.egress }}
- to:
    - namespaceSelector:
        {{- toYaml $egress.dns.namespaceSelector | nindent 8 }}
      podSelector:
        {{- toYaml $egress.dns.podSelector | nindent 8 }}
  ports:
    - port: 53
      protocol: UDP
    - port: 53
      protocol: TCP
{{- if eq (include "kubezap.postgresql.mode" .) "cloudnativepg" }}
- to:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: {{ .Release.Namespace }}
      podSelector:
        matchLabels:
          cnpg.io/cluster: {{ include "kubezap.cloudnativepg.clusterName" . }}
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: {{ .Release.Namespace }}
      podSelector:
        matchLabels:
          cnpg.io/poolerName: {{ include "kubezap.cloudnativepg.poolerName" . }}
  ports:
    - port: 5432
      protocol: TCP
{{- else if .Values.postgresql.bundled.enabled }}
- to:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: {{ .Release.Namespace }}
      podSelector:
        matchLabels:
          {{- include "kubezap.postgresql.selectorLabels" . | nindent 10 }}
    {{- if include "kubezap.pooler.enabled" . }}
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: {{ .Release.Namespace }}
      podSelector:
        matchLabels:
          {{- include "kubezap.pooler.selectorLabels" . | nindent 10 }}
    {{- end }}
  ports:
    - port: 5432
      protocol: TCP
{{- end }}
{{- with $egress.databaseCidrs }}
- to:
    {{- range . }}
    - ipBlock:
        cidr: {{ . }}
    {{- end }}
  ports:
    - port: {{ $egress.databasePort }}
      protocol: TCP
{{- end }}
{{- end }}

{{- /* Every address but link-local and the given ranges, one ipBlock per address family: {"cidrs": [...]}. */ -}}
{{- define "kubezap.egress.allBut" -}}
{{- $v4 := list "169.254.0.0/16" }}
{{- $v6 := list "fe80::/10" }}
{{- range .cidrs }}
{{- if contains ":" . }}{{ $v6 = append $v6 . }}{{ else }}{{ $v4 = append $v4 . }}{{ end }}
{{- end }}
- ipBlock:
    cidr: 0.0.0.0/0
    except:
      {{- toYaml (uniq $v4) | nindent 6 }}
- ipBlock:
    cidr: ::/0
    except:
      {{- toYaml (uniq $v6) | nindent 6 }}
{{- end }}

{{/* The variables that turn OpenTelemetry export on (tracing.otlpEndpoint), as a YAML env list; empty when off. */}}
{{- define "kubezap.tracingEnv" -}}
{{- with .Values.tracing.otlpEndpoint }}
- name: QUARKUS_OTEL_SDK_DISABLED
  value: "false"
- name: QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ . | quote }}
{{- end }}
{{- end -}}

{{/* The session pods' log format (logging.json). */}}
{{- define "kubezap.session.loggingEnv" -}}
{{- if .Values.logging.json }}
- name: QUARKUS_LOG_CONSOLE_JSON
  value: "true"
{{- end }}
{{- end -}}

{{/*
The egress of the gateway and the session pods to the OTLP collector: tracing.collectorEgress, else from tracing.otlpEndpoint: an in-cluster
Service (<service>.<namespace>, or …svc…) by its namespace, any other host outside the cluster's ranges; on its port
(default 4317 for http://, as OTLP/gRPC; 443 for https://).
*/}}
{{- define "kubezap.collectorEgress" -}}
{{- $tracing := .Values.tracing }}
{{- if $tracing.collectorEgress }}
{{- toYaml $tracing.collectorEgress }}
{{- else if $tracing.otlpEndpoint }}
{{- $url := urlParse $tracing.otlpEndpoint }}
{{- $host := regexReplaceAll ":[0-9]+$" $url.host "" }}
{{- $port := regexFind "[0-9]+$" (regexFind ":[0-9]+$" $url.host) | default (ternary "443" "4317" (eq $url.scheme "https")) }}
{{- $labels := splitList "." $host }}
- to:
    {{- if or (eq (len $labels) 2) (and (gt (len $labels) 2) (eq (index $labels 2) "svc")) }}
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: {{ index $labels 1 }}
    {{- else }}
    {{- include "kubezap.egress.allBut" (dict "cidrs" .Values.networkPolicy.egress.clusterCidrs) | nindent 4 }}
    {{- end }}
  ports:
    - port: {{ $port }}
      protocol: TCP
{{- end }}
{{- end -}}

{{/* session.podTemplate as JSON, with the log format and, when tracing.otlpEndpoint is set, the tracing variables
added to its env. */}}
{{- define "kubezap.session.podTemplate" -}}
{{- $template := deepCopy (.Values.session.podTemplate | default dict) }}
{{- with include "kubezap.session.loggingEnv" . | fromYamlArray }}
{{- $_ := set $template "env" (concat ($template.env | default list) .) }}
{{- end }}
{{- with include "kubezap.tracingEnv" . | fromYamlArray }}
{{- $_ := set $template "env" (concat ($template.env | default list) .) }}
{{- end }}
{{- toJson $template }}
{{- end -}}

{{- /*
A component's priorityClassName and topologySpreadConstraints (dict: values, selectorLabels, spread). Its own
topologySpreadConstraints win; else, with spread, its replicas spread across zones and then nodes as far as the
cluster allows (ScheduleAnyway: never left Pending for it).
*/}}
{{- define "kubezap.podPlacement" -}}
{{- with .values.priorityClassName }}
priorityClassName: {{ . }}
{{- end }}
{{- if .values.topologySpreadConstraints }}
topologySpreadConstraints:
  {{- toYaml .values.topologySpreadConstraints | nindent 2 }}
{{- else if .spread }}
topologySpreadConstraints:
  {{- range list "topology.kubernetes.io/zone" "kubernetes.io/hostname" }}
  - maxSkew: 1
    topologyKey: {{ . }}
    whenUnsatisfiable: ScheduleAnyway
    labelSelector:
      matchLabels:
        {{- $.selectorLabels | nindent 8 }}
  {{- end }}
{{- end }}
{{- end -}}

{{- /* A PodDisruptionBudget (dict: name, labels, selectorLabels, budget = the component's podDisruptionBudget value) */}}
{{- define "kubezap.podDisruptionBudget" -}}
{{- if .budget.enabled }}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ .name }}
  namespace: {{ .namespace }}
  labels:
    {{- .labels | nindent 4 }}
spec:
  maxUnavailable: {{ .budget.maxUnavailable }}
  selector:
    matchLabels:
      {{- .selectorLabels | nindent 6 }}
{{- end }}
{{- end -}}

{{- /*
The session pods' NetworkPolicies (name and spec), a YAML list: the operator places them in every namespace where it
runs sessions, namespaces made after install included (KUBEZAP_SESSION_NETWORK_POLICIES, docs/security.md).
Empty unless networkPolicy.enabled.
*/ -}}
{{- define "kubezap.session.networkPolicies" -}}
{{- if .Values.networkPolicy.enabled }}
# Session pods accept API calls (8080) only from the operator, the gateway and pods labelled as kubezap clients,
# and scrapes of their management port (9000) from the monitoring namespace.
- metadata:
    name: {{ include "kubezap.fullname" $ }}-session-ingress
  spec:
    podSelector:
      matchLabels:
        app.kubernetes.io/name: kubezap-session
    policyTypes:
      - Ingress
    ingress:
      - from:
          - namespaceSelector:
              matchLabels:
                kubernetes.io/metadata.name: {{ $.Release.Namespace }}
            podSelector:
              matchLabels:
                {{- include "kubezap.operator.selectorLabels" $ | nindent 16 }}
          - podSelector:
              matchLabels:
                {{- toYaml $.Values.networkPolicy.clientPodLabels | nindent 16 }}
            {{- with $.Values.networkPolicy.clientNamespaceSelector }}
            namespaceSelector:
              {{- toYaml . | nindent 14 }}
            {{- end }}
          {{- if $.Values.gateway.enabled }}
          - namespaceSelector:
              matchLabels:
                kubernetes.io/metadata.name: {{ $.Release.Namespace }}
            podSelector:
              matchLabels:
                {{- include "kubezap.gateway.selectorLabels" $ | nindent 16 }}
          {{- end }}
        ports:
          - port: 8080
            protocol: TCP
      {{- with $.Values.networkPolicy.monitoringNamespaceSelector }}
      # Prometheus: the management port only (health and /q/metrics)
      - from:
          - namespaceSelector:
              {{- toYaml . | nindent 14 }}
        ports:
          - port: 9000
            protocol: TCP
      {{- end }}
{{- if .Values.networkPolicy.egress.enabled }}
{{- $egress := .Values.networkPolicy.egress }}
# Session pods call DNS, PostgreSQL and the internet (WhatsApp, webhooks), never link-local (cloud metadata), the
# cluster's pod and service ranges or the API server: a WhatsApp contact's or a tenant's URL cannot reach the
# cluster's insides. In-cluster webhook receivers are allowed one by one (networkPolicy.egress.webhookReceivers), and
# the OTLP collector of tracing.otlpEndpoint on its port.
- metadata:
    name: {{ include "kubezap.fullname" $ }}-session-egress
  spec:
    podSelector:
      matchLabels:
        app.kubernetes.io/name: kubezap-session
    policyTypes:
      - Egress
    egress:
      {{- include "kubezap.egress.dnsAndDatabase" $ | nindent 6 }}
      - to:
          {{- include "kubezap.egress.allBut" (dict "cidrs" (concat $egress.clusterCidrs $egress.apiServerCidrs)) | nindent 10 }}
      {{- with $egress.webhookReceivers }}
      {{- toYaml . | nindent 6 }}
      {{- end }}
      {{- with include "kubezap.collectorEgress" $ }}
      {{- . | nindent 6 }}
      {{- end }}
{{- end }}
{{- else }}
[]
{{- end }}
{{- end }}
