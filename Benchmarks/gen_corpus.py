"""Generates the side-by-side scan corpus: Kubernetes manifests and Dockerfiles with a
deterministic mix of good and bad settings.

Usage: python3 gen_corpus.py OUT_DIR [MANIFESTS=2000] [DOCKERFILES=200]
"""
import os, random, sys

out = sys.argv[1]
n_manifests = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
n_dockerfiles = int(sys.argv[3]) if len(sys.argv) > 3 else 200
rng = random.Random(20261129)
os.makedirs(out + "/k8s", exist_ok=True)
os.makedirs(out + "/docker", exist_ok=True)

IMAGES = ["nginx", "nginx:latest", "nginx:1.25.3", "ghcr.io/acme/api:2.1.0",
          "ghcr.io/acme/api@sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0", "redis:7.2", "busybox"]

def maybe(p): return rng.random() < p

def container(i, name):
    lines = [f"- name: {name}", f"  image: {rng.choice(IMAGES)}"]
    sc = []
    if maybe(0.15): sc.append("privileged: true")
    if maybe(0.6): sc.append(f"allowPrivilegeEscalation: {'false' if maybe(0.8) else 'true'}")
    if maybe(0.5): sc.append("readOnlyRootFilesystem: true")
    if maybe(0.4): sc.append("runAsNonRoot: true")
    if maybe(0.1): sc.append("runAsUser: 0")
    caps = []
    if maybe(0.5): caps.append("drop: [ALL]" if maybe(0.8) else "drop: [NET_RAW]")
    if maybe(0.15): caps.append(f"add: [{rng.choice(['SYS_ADMIN', 'NET_ADMIN', 'NET_BIND_SERVICE'])}]")
    if caps: sc.append("capabilities: {" + ", ".join(caps) + "}")
    if maybe(0.3): sc.append("seccompProfile: {type: RuntimeDefault}")
    if sc:
        lines.append("  securityContext:")
        lines += ["    " + s for s in sc]
    if maybe(0.6):
        lines.append("  resources:")
        lines.append("    requests: {cpu: 100m, memory: 64Mi}")
        if maybe(0.7): lines.append("    limits: {cpu: 200m, memory: 128Mi}")
    if maybe(0.5): lines.append("  livenessProbe: {httpGet: {path: /healthz, port: 8080}}")
    if maybe(0.5): lines.append("  readinessProbe: {httpGet: {path: /ready, port: 8080}}")
    if maybe(0.2): lines.append("  ports: [{containerPort: 8080, hostPort: 8080}]")
    if maybe(0.15): lines.append("  env: [{name: DB_PASSWORD, valueFrom: {secretKeyRef: {name: db, key: password}}}]")
    return lines

def pod_spec(i):
    lines = []
    if maybe(0.1): lines.append("hostNetwork: true")
    if maybe(0.05): lines.append("hostPID: true")
    if maybe(0.05): lines.append("hostIPC: true")
    if maybe(0.4): lines.append("automountServiceAccountToken: false")
    if maybe(0.3): lines.append("securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}")
    if maybe(0.1): lines.append("volumes: [{name: host, hostPath: {path: /var/run/docker.sock}}]")
    lines.append("containers:")
    for c in range(1 + (1 if maybe(0.2) else 0)):
        lines += container(i, f"c{c}")
    return lines

def indent(lines, n): return "\n".join(" " * n + l for l in lines)

def namespace(i): return "default" if maybe(0.15) else f"team-{i % 30}"

for i in range(n_manifests):
    kind = rng.choices(["Deployment", "Pod", "StatefulSet", "CronJob", "Service", "Role", "ConfigMap"], [40, 15, 10, 10, 15, 5, 5])[0]
    ns = namespace(i)
    name = f"{kind.lower()}-{i}"
    if kind == "Pod":
        body = f"apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n  namespace: {ns}\nspec:\n{indent(pod_spec(i), 2)}\n"
    elif kind in ("Deployment", "StatefulSet"):
        body = (f"apiVersion: apps/v1\nkind: {kind}\nmetadata:\n  name: {name}\n  namespace: {ns}\nspec:\n  replicas: 2\n"
                f"  selector:\n    matchLabels: {{app: {name}}}\n  template:\n    metadata:\n      labels: {{app: {name}}}\n    spec:\n{indent(pod_spec(i), 6)}\n")
    elif kind == "CronJob":
        body = (f"apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: {name}\n  namespace: {ns}\nspec:\n  schedule: '*/5 * * * *'\n"
                f"  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n{indent(pod_spec(i), 10)}\n")
    elif kind == "Service":
        t = "NodePort" if maybe(0.2) else "ClusterIP"
        body = f"apiVersion: v1\nkind: Service\nmetadata:\n  name: {name}\n  namespace: {ns}\nspec:\n  type: {t}\n  selector: {{app: deployment-{i}}}\n  ports: [{{port: 80}}]\n"
    elif kind == "Role":
        verbs = '["*"]' if maybe(0.3) else "[get, list]"
        body = f"apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: {name}\n  namespace: {ns}\nrules:\n- apiGroups: ['']\n  resources: [pods]\n  verbs: {verbs}\n"
    else:
        body = f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n  namespace: {ns}\ndata:\n  key: value\n"
    with open(f"{out}/k8s/{name}.yaml", "w") as f:
        f.write(body)

BASES = ["ubuntu", "ubuntu:24.04", "python:latest", "python:3.12-slim", "node:20@sha256:aaaa0000aaaa0000aaaa0000aaaa0000aaaa0000aaaa0000aaaa0000aaaa0000", "alpine:3.19"]
for i in range(n_dockerfiles):
    lines = [f"FROM {rng.choice(BASES)}"]
    if maybe(0.3): lines.append("RUN apt-get update && apt-get install -y curl")
    if maybe(0.2): lines.append("RUN curl -fsSL https://example.com/install.sh | sh")
    lines.append("WORKDIR /app")
    lines.append("ADD . /app" if maybe(0.3) else "COPY . /app")
    if maybe(0.1): lines.append("ENV API_TOKEN=abcdef123456")
    if maybe(0.1): lines.append("EXPOSE 22")
    if maybe(0.1): lines.append("RUN sudo chown -R app /app")
    if maybe(0.5): lines.append("HEALTHCHECK CMD curl -f http://localhost:8080/ || exit 1")
    if maybe(0.6): lines.append("USER root" if maybe(0.2) else "USER 10001")
    lines.append('CMD ["./run"]')
    os.makedirs(f"{out}/docker/svc-{i}", exist_ok=True)
    with open(f"{out}/docker/svc-{i}/Dockerfile", "w") as f:
        f.write("\n".join(lines) + "\n")
print(f"generated {n_manifests} manifests and {n_dockerfiles} Dockerfiles in {out}")
