{{/* Objects every role has the same way: ServiceAccount, PodDisruptionBudget, Service, Ingress. */}}
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
