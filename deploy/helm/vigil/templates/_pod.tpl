{{/* The pod template every role shares: ports, probes, volumes, security. */}}
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
