{{/* Names and labels. */}}
{{- define "vigil.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "vigil.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* The name of one role's objects: <fullname>-<role>. Argument: dict root, role. */}}
{{- define "vigil.roleName" -}}
{{- printf "%s-%s" (include "vigil.fullname" .root | trunc 50 | trimSuffix "-") .role }}
{{- end }}

{{- define "vigil.selectorLabels" -}}
app.kubernetes.io/name: {{ include "vigil.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .role }}
{{- end }}

{{- define "vigil.labels" -}}
{{ include "vigil.selectorLabels" . }}
app.kubernetes.io/part-of: vigil
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "vigil.image" -}}
{{- $tag := .Values.image.tag | default .Chart.AppVersion -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository $tag }}
{{- end }}
{{- end }}

{{/* A secretKeyRef environment variable. Argument: dict name, secret, key. */}}
{{- define "vigil.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ .secret | quote }}
      key: {{ .key | quote }}
{{- end }}

{{/* Kafka: every role (vigil.kafka.*). */}}
{{- define "vigil.kafkaEnv" -}}
{{- $kafka := .Values.kafka -}}
- name: VIGIL_KAFKA_BOOTSTRAP_SERVERS
  value: {{ required "kafka.bootstrapServers is required" $kafka.bootstrapServers | quote }}
- name: VIGIL_KAFKA_PARTITIONS
  value: {{ $kafka.partitions | quote }}
{{- if $kafka.replicationFactor }}
- name: VIGIL_KAFKA_REPLICATION_FACTOR
  value: {{ $kafka.replicationFactor | quote }}
{{- end }}
- name: VIGIL_KAFKA_CREATE_TOPICS
  value: {{ $kafka.createTopics | quote }}
{{- if $kafka.securityProtocol }}
- name: VIGIL_KAFKA_PROPERTIES_SECURITY_PROTOCOL
  value: {{ $kafka.securityProtocol | quote }}
{{- end }}
{{- if $kafka.sasl.mechanism }}
- name: VIGIL_KAFKA_PROPERTIES_SASL_MECHANISM
  value: {{ $kafka.sasl.mechanism | quote }}
{{- end }}
{{- if $kafka.sasl.jaasConfigSecret.name }}
{{ include "vigil.secretEnv" (dict "name" "VIGIL_KAFKA_PROPERTIES_SASL_JAAS_CONFIG" "secret" $kafka.sasl.jaasConfigSecret.name "key" $kafka.sasl.jaasConfigSecret.key) }}
{{- end }}
{{- if $kafka.ca.secretName }}
- name: VIGIL_KAFKA_PROPERTIES_SSL_TRUSTSTORE_TYPE
  value: PEM
- name: VIGIL_KAFKA_PROPERTIES_SSL_TRUSTSTORE_LOCATION
  value: {{ printf "/etc/vigil/kafka-ca/%s" $kafka.ca.key | quote }}
{{- end }}
{{- range $property, $value := $kafka.properties }}
- name: {{ printf "VIGIL_KAFKA_PROPERTIES_%s" ($property | upper | replace "." "_" | replace "-" "_") }}
  value: {{ $value | quote }}
{{- end }}
{{- end }}

{{/* OpenSearch: the alerting and console roles (vigil.opensearch.*). */}}
{{- define "vigil.openSearchEnv" -}}
{{- $os := .Values.opensearch -}}
- name: VIGIL_OPENSEARCH_URL
  value: {{ required "opensearch.url is required" $os.url | quote }}
{{- if $os.username }}
- name: VIGIL_OPENSEARCH_USERNAME
  value: {{ $os.username | quote }}
{{- end }}
{{- if $os.passwordSecret.name }}
{{ include "vigil.secretEnv" (dict "name" "VIGIL_OPENSEARCH_PASSWORD" "secret" $os.passwordSecret.name "key" $os.passwordSecret.key) }}
{{- end }}
{{- if $os.apiKeySecret.name }}
{{ include "vigil.secretEnv" (dict "name" "VIGIL_OPENSEARCH_API_KEY" "secret" $os.apiKeySecret.name "key" $os.apiKeySecret.key) }}
{{- end }}
{{- if $os.ca.secretName }}
- name: VIGIL_OPENSEARCH_CA_CERTIFICATE
  value: {{ printf "/etc/vigil/opensearch-ca/%s" $os.ca.key | quote }}
{{- end }}
{{- end }}

{{/* The console login (vigil.console.*): every role's HTTP security reads it. */}}
{{- define "vigil.consoleLoginEnv" -}}
{{- $login := .Values.consoleLogin -}}
{{- if $login.users }}
{{- range $i, $user := $login.users }}
- name: {{ printf "VIGIL_CONSOLE_USERS_%d_USERNAME" $i }}
  value: {{ required "consoleLogin.users[].username is required" $user.username | quote }}
- name: {{ printf "VIGIL_CONSOLE_USERS_%d_ROLE" $i }}
  value: {{ default "viewer" $user.role | quote }}
{{ include "vigil.secretEnv" (dict "name" (printf "VIGIL_CONSOLE_USERS_%d_PASSWORD" $i) "secret" $login.existingSecret "key" (required "consoleLogin.users[].passwordKey is required" $user.passwordKey)) }}
{{- end }}
{{- else -}}
{{ include "vigil.secretEnv" (dict "name" "VIGIL_CONSOLE_PASSWORD" "secret" (required "consoleLogin.existingSecret is required" $login.existingSecret) "key" $login.passwordKey) }}
{{- end }}
{{- end }}

{{/* What every role's container gets. Argument: dict root, roles (the VIGIL_ROLES value). */}}
{{- define "vigil.commonEnv" -}}
{{- $root := .root -}}
- name: VIGIL_ROLES
  value: {{ .roles | quote }}
# In a pod the HTTP port must be reachable from outside the container.
- name: SERVER_ADDRESS
  value: 0.0.0.0
- name: SERVER_PORT
  value: {{ $root.Values.http.port | quote }}
# Probes and metrics on their own port, never behind the webhook's TLS or client-certificate settings.
- name: MANAGEMENT_SERVER_PORT
  value: {{ $root.Values.management.port | quote }}
- name: MANAGEMENT_SERVER_ADDRESS
  value: 0.0.0.0
# Kafka and OpenSearch are external: a missing connection is an error, never an embedded server.
- name: VIGIL_EMBEDDED_ENABLED
  value: "false"
- name: VIGIL_CONSOLE_PROMETHEUS_OPEN
  value: {{ $root.Values.metrics.enabled | quote }}
- name: JAVA_TOOL_OPTIONS
  value: {{ $root.Values.javaToolOptions | quote }}
{{ include "vigil.kafkaEnv" $root }}
{{ include "vigil.consoleLoginEnv" $root }}
{{- end }}
