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

{{/* Ports of a role's container: the HTTP port (name http or https) and the management port. */}}
{{- define "vigil.ports" -}}
- name: {{ .portName | default "http" }}
  containerPort: {{ .root.Values.http.port }}
  protocol: TCP
- name: management
  containerPort: {{ .root.Values.management.port }}
  protocol: TCP
{{- end }}

{{/* Startup, liveness and readiness probes on Spring Boot's health groups, on the management port. */}}
{{- define "vigil.probes" -}}
{{- $probes := .Values.probes -}}
startupProbe:
  httpGet:
    path: /actuator/health/liveness
    port: management
  periodSeconds: {{ $probes.startup.periodSeconds }}
  failureThreshold: {{ $probes.startup.failureThreshold }}
  timeoutSeconds: {{ $probes.startup.timeoutSeconds }}
livenessProbe:
  httpGet:
    path: /actuator/health/liveness
    port: management
  periodSeconds: {{ $probes.liveness.periodSeconds }}
  failureThreshold: {{ $probes.liveness.failureThreshold }}
  timeoutSeconds: {{ $probes.liveness.timeoutSeconds }}
readinessProbe:
  httpGet:
    path: /actuator/health/readiness
    port: management
  periodSeconds: {{ $probes.readiness.periodSeconds }}
  failureThreshold: {{ $probes.readiness.failureThreshold }}
  timeoutSeconds: {{ $probes.readiness.timeoutSeconds }}
{{- end }}

{{/* Volume mounts every role has: /tmp, the data directory, and the Kafka CA when set. */}}
{{- define "vigil.commonMounts" -}}
- name: tmp
  mountPath: /tmp
- name: data
  mountPath: /var/lib/vigil
{{- if .Values.kafka.ca.secretName }}
- name: kafka-ca
  mountPath: /etc/vigil/kafka-ca
  readOnly: true
{{- end }}
{{- end }}

{{- define "vigil.commonVolumes" -}}
- name: tmp
  emptyDir: {}
{{- if .Values.kafka.ca.secretName }}
- name: kafka-ca
  secret:
    secretName: {{ .Values.kafka.ca.secretName | quote }}
    defaultMode: 0440
{{- end }}
{{- end }}

{{- define "vigil.openSearchMounts" -}}
{{- if .Values.opensearch.ca.secretName }}
- name: opensearch-ca
  mountPath: /etc/vigil/opensearch-ca
  readOnly: true
{{- end }}
{{- end }}

{{- define "vigil.openSearchVolumes" -}}
{{- if .Values.opensearch.ca.secretName }}
- name: opensearch-ca
  secret:
    secretName: {{ .Values.opensearch.ca.secretName | quote }}
    defaultMode: 0440
{{- end }}
{{- end }}

{{/*
The pod template of a role. Argument: dict
  root, role, config (the role's values), roles (VIGIL_ROLES), automount (bool),
  env, mounts, volumes, portName (optional YAML snippets / strings).
*/}}
{{- define "vigil.podTemplate" -}}
{{- $root := .root -}}
{{- $config := .config -}}
metadata:
  labels:
    {{- include "vigil.labels" (dict "root" $root "role" .role) | nindent 4 }}
  {{- with $config.podAnnotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  serviceAccountName: {{ include "vigil.roleName" (dict "root" $root "role" .role) }}
  automountServiceAccountToken: {{ .automount }}
  enableServiceLinks: false
  terminationGracePeriodSeconds: 45
  securityContext:
    {{- toYaml $root.Values.podSecurityContext | nindent 4 }}
  {{- with $root.Values.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  containers:
    - name: vigil
      image: {{ include "vigil.image" $root | quote }}
      imagePullPolicy: {{ $root.Values.image.pullPolicy }}
      args: ["run"]
      ports:
        {{- include "vigil.ports" (dict "root" $root "portName" .portName) | nindent 8 }}
      env:
        {{- include "vigil.commonEnv" (dict "root" $root "roles" .roles) | nindent 8 }}
        {{- with .env }}
        {{- . | nindent 8 }}
        {{- end }}
        {{- with $config.env }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- include "vigil.probes" $root | nindent 6 }}
      resources:
        {{- toYaml $config.resources | nindent 8 }}
      securityContext:
        {{- toYaml $root.Values.securityContext | nindent 8 }}
      volumeMounts:
        {{- include "vigil.commonMounts" $root | nindent 8 }}
        {{- with .mounts }}
        {{- . | nindent 8 }}
        {{- end }}
  volumes:
    {{- include "vigil.commonVolumes" $root | nindent 4 }}
    {{- with .volumes }}
    {{- . | nindent 4 }}
    {{- end }}
  {{- with $config.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $config.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $config.affinity }}
  affinity:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $config.topologySpreadConstraints }}
  topologySpreadConstraints:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}

{{/* A role's ServiceAccount. Argument: dict root, role, automount. */}}
{{- define "vigil.serviceAccount" -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "vigil.roleName" . }}
  labels:
    {{- include "vigil.labels" . | nindent 4 }}
  {{- with .root.Values.serviceAccount.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
automountServiceAccountToken: {{ .automount }}
{{- end }}

{{/* A role's PodDisruptionBudget. Argument: dict root, role, config. */}}
{{- define "vigil.pdb" -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "vigil.roleName" . }}
  labels:
    {{- include "vigil.labels" . | nindent 4 }}
spec:
  {{- if hasKey .config.pdb "minAvailable" }}
  minAvailable: {{ .config.pdb.minAvailable }}
  {{- else }}
  maxUnavailable: {{ .config.pdb.maxUnavailable | default 1 }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "vigil.selectorLabels" . | nindent 6 }}
{{- end }}

{{/* A role's Service: the management port, plus the HTTP port when http is true. Argument: dict root, role, http, portName, service, headless. */}}
{{- define "vigil.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "vigil.roleName" . }}
  labels:
    {{- include "vigil.labels" . | nindent 4 }}
  {{- with .service.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  {{- if .headless }}
  clusterIP: None
  {{- else }}
  type: {{ .service.type | default "ClusterIP" }}
  {{- end }}
  {{- with .service.sessionAffinity }}
  sessionAffinity: {{ . }}
  {{- end }}
  selector:
    {{- include "vigil.selectorLabels" . | nindent 4 }}
  ports:
    {{- if .http }}
    - name: {{ .portName | default "http" }}
      port: {{ .root.Values.http.port }}
      targetPort: {{ .portName | default "http" }}
      protocol: TCP
    {{- end }}
    - name: management
      port: {{ .root.Values.management.port }}
      targetPort: management
      protocol: TCP
{{- end }}

{{/* An Ingress to a role's HTTP port. Argument: dict root, role, ingress, portName. */}}
{{- define "vigil.ingress" -}}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: {{ include "vigil.roleName" . }}
  labels:
    {{- include "vigil.labels" . | nindent 4 }}
  {{- with .ingress.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  {{- with .ingress.className }}
  ingressClassName: {{ . }}
  {{- end }}
  {{- if .ingress.tlsSecretName }}
  tls:
    - hosts: [{{ .ingress.host | quote }}]
      secretName: {{ .ingress.tlsSecretName | quote }}
  {{- end }}
  rules:
    - host: {{ required "ingress.host is required" .ingress.host | quote }}
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: {{ include "vigil.roleName" . }}
                port:
                  name: {{ .portName | default "http" }}
{{- end }}
