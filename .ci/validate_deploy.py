#!/usr/bin/env python3
"""Consistency checks of the deployment files, run by .ci/validate-deploy (which renders the overlays, runs the
published API and fetches its /metrics first). Every failed check prints one line naming the file and what to fix;
the exit status is the number of failures (capped at 100).

Usage: validate_deploy.py --repo DIR --rendered cpu=FILE --rendered gpu=FILE --metrics FILE --endpoints FILE
                          --promql-rules OUT
"""
import argparse
import json
import re
import sys
from pathlib import Path

import yaml

FAILURES = []

# Where the API image and the trainer image come from, per overlay (the Dockerfile target is the tag).
IMAGE_REPOSITORY = "registry.example.com/mmoe/mmoe-service"
API_PROBES = {"startupProbe": "/health/startup", "readinessProbe": "/health/ready", "livenessProbe": "/health/live"}
COMMON_LABELS = {"app.kubernetes.io/name": "mmoe-service", "app.kubernetes.io/part-of": "mmoe"}
CLUSTER_SCOPED = {"Namespace"}


def fail(where, message):
    FAILURES.append(f"{where}: {message}")


def check(condition, where, message):
    if not condition:
        fail(where, message)
    return condition


def selector_matches(selector, labels):
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


# ---------------------------------------------------------------------------------------------------------------
# Dockerfile

def parse_dockerfile(path):
    """Stages by name: base image, ENV values, EXPOSE ports, USER, HEALTHCHECK command, COPY lines."""
    text = path.read_text()
    # Join continuation lines.
    text = re.sub(r"\\\n", " ", text)
    args, stages, current = {}, {}, None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        word, _, rest = line.partition(" ")
        word = word.upper()
        if word == "ARG" and current is None:
            name, _, value = rest.partition("=")
            args[name.strip()] = value.strip()
        elif word == "FROM":
            m = re.match(r"(\S+)(?:\s+AS\s+(\S+))?", rest, re.IGNORECASE)
            image = re.sub(r"\$\{(\w+)\}", lambda g: args.get(g.group(1), g.group(0)), m.group(1))
            current = {"image": image, "env": {}, "expose": [], "user": None, "healthcheck": None, "lines": []}
            stages[m.group(2) or f"stage{len(stages)}"] = current
        elif current is not None:
            current["lines"].append(line)
            if word == "ENV":
                for key, value in re.findall(r"(\w+)=(\"[^\"]*\"|\S+)", rest):
                    current["env"][key] = value.strip('"')
            elif word == "EXPOSE":
                current["expose"] += [int(p.split("/")[0]) for p in rest.split()]
            elif word == "USER":
                current["user"] = rest.strip()
            elif word == "HEALTHCHECK":
                current["healthcheck"] = rest
    return args, stages


def check_dockerfile(repo, endpoints):
    where = "Dockerfile"
    args, stages = parse_dockerfile(repo / "Dockerfile")
    for target in ("build", "api-cpu", "api-gpu", "trainer"):
        check(target in stages, where, f"target '{target}' is missing")
    if not all(t in stages for t in ("build", "api-cpu", "api-gpu", "trainer")):
        return {}
    check(stages["build"]["image"] == "mcr.microsoft.com/dotnet/sdk:10.0-noble", where,
          f"build stage should use mcr.microsoft.com/dotnet/sdk:10.0-noble, not {stages['build']['image']}")
    check(any("dotnet publish" in l and "-c Release" in l and "-r linux-x64" in l for l in stages["build"]["lines"]), where,
          "build stage must run dotnet publish -c Release -r linux-x64")
    check(stages["api-cpu"]["image"] == "mcr.microsoft.com/dotnet/aspnet:10.0-noble", where,
          f"api-cpu should be based on mcr.microsoft.com/dotnet/aspnet:10.0-noble, not {stages['api-cpu']['image']}")
    check(re.fullmatch(r"nvidia/cuda:13\.\d+\.\d+-cudnn-runtime-ubuntu24\.04", stages["api-gpu"]["image"]) is not None, where,
          f"api-gpu should be based on nvidia/cuda:13.x.y-cudnn-runtime-ubuntu24.04 (ONNX Runtime 1.31 needs CUDA 13), "
          f"not {stages['api-gpu']['image']}")
    check(any("aspnet" in l and "/usr/share/dotnet" in l for l in stages["api-gpu"]["lines"]), where,
          "api-gpu must carry the ASP.NET Core runtime (COPY --from the aspnet image)")
    check(stages["trainer"]["image"].startswith("mcr.microsoft.com/dotnet/") and stages["trainer"]["image"].endswith("-noble"), where,
          "trainer should be based on a .NET 10 Ubuntu 24.04 (noble) image: TorchSharp needs GCC 13's libstdc++")
    ports = {}
    for target, provider in (("api-cpu", "Cpu"), ("api-gpu", "Cuda")):
        stage = stages[target]
        env = stage["env"]
        check(env.get("Inference__ExecutionProvider") == provider, where,
              f"{target}: ENV Inference__ExecutionProvider must be {provider}")
        check(env.get("Storage__DataDirectory") == "/var/lib/mmoe", where, f"{target}: ENV Storage__DataDirectory=/var/lib/mmoe expected")
        port = env.get("ASPNETCORE_HTTP_PORTS")
        check(port is not None and port.isdigit(), where, f"{target}: ENV ASPNETCORE_HTTP_PORTS must name the port")
        check(port is not None and port.isdigit() and [int(port)] == stage["expose"], where,
              f"{target}: EXPOSE {stage['expose']} must equal ASPNETCORE_HTTP_PORTS={port}")
        ports[target] = int(port) if port and port.isdigit() else None
        user = stage["user"] or ""
        check(user not in ("", "root", "0"), where, f"{target}: must switch to a non-root USER")
        hc = stage["healthcheck"] or ""
        paths = re.findall(r"/health/\w+", hc)
        check(paths == ["/health/live"], where, f"{target}: HEALTHCHECK must probe /health/live (found {paths})")
        check(all(p in endpoints for p in paths), where, f"{target}: HEALTHCHECK path is not a real endpoint")
        check("ENTRYPOINT" in " ".join(stage["lines"]) and "MmoeService.Api.dll" in " ".join(stage["lines"]), where,
              f"{target}: ENTRYPOINT must start MmoeService.Api.dll")
    check(stages["trainer"]["user"] not in (None, "", "root", "0"), where, "trainer: must switch to a non-root USER")
    check(stages["trainer"]["env"].get("Output__Repository") == "/models", where, "trainer: ENV Output__Repository=/models expected")

    ignore = (repo / ".dockerignore").read_text().split()
    for entry in ("**/bin/", "**/obj/", "tests/"):
        check(entry in ignore, ".dockerignore", f"must exclude {entry}")
    return ports


# ---------------------------------------------------------------------------------------------------------------
# Kubernetes

def pod_containers(spec):
    return [("init", c) for c in spec.get("initContainers", [])] + [("main", c) for c in spec.get("containers", [])]


def configmap_env(docs, container):
    env = {}
    configmaps = {d["metadata"]["name"]: d for d in docs if d["kind"] == "ConfigMap"}
    for source in container.get("envFrom", []):
        name = source.get("configMapRef", {}).get("name")
        if name is None:
            continue
        if name not in configmaps:
            fail("k8s", f"container {container['name']} envFrom ConfigMap {name} is not rendered")
            continue
        env.update(configmaps[name].get("data", {}))
    for item in container.get("env", []):
        if "value" in item:
            env[item["name"]] = item["value"]
    return env


def check_overlay(overlay, docs, ports, endpoints, metric_families):
    where = f"overlays/{overlay}"
    by_kind = {}
    for d in docs:
        by_kind.setdefault(d["kind"], []).append(d)
    for kind in ("Namespace", "Deployment", "Service", "PodDisruptionBudget", "HorizontalPodAutoscaler", "Job",
                 "PersistentVolumeClaim"):
        check(len(by_kind.get(kind, [])) == 1, where, f"expected exactly one {kind}, found {len(by_kind.get(kind, []))}")
    if not all(len(by_kind.get(k, [])) == 1 for k in ("Deployment", "Service", "PodDisruptionBudget", "HorizontalPodAutoscaler", "Job")):
        return
    namespace = by_kind["Namespace"][0]["metadata"]["name"]

    for d in docs:
        labels = d["metadata"].get("labels", {})
        name = f"{d['kind']}/{d['metadata']['name']}"
        check(all(labels.get(k) == v for k, v in COMMON_LABELS.items()), where, f"{name} lacks the common labels {COMMON_LABELS}")
        check(labels.get("app.kubernetes.io/variant") == overlay, where, f"{name} should carry app.kubernetes.io/variant={overlay}")
        if d["kind"] not in CLUSTER_SCOPED:
            check(d["metadata"].get("namespace") == namespace, where, f"{name} is not in namespace {namespace}")

    deployment = by_kind["Deployment"][0]
    service = by_kind["Service"][0]
    pdb = by_kind["PodDisruptionBudget"][0]
    hpa = by_kind["HorizontalPodAutoscaler"][0]
    job = by_kind["Job"][0]
    pvc = by_kind["PersistentVolumeClaim"][0]
    pod_labels = deployment["spec"]["template"]["metadata"]["labels"]
    job_labels = job["spec"]["template"]["metadata"]["labels"]
    selector = deployment["spec"]["selector"]["matchLabels"]
    check(selector_matches(selector, pod_labels), where, "Deployment selector does not match its pod template labels")
    check(selector_matches(service["spec"]["selector"], pod_labels), where, "Service selector does not match the API pods")
    check(not selector_matches(service["spec"]["selector"], job_labels), where, "Service selector also matches the training Job's pods")
    check(selector_matches(pdb["spec"]["selector"]["matchLabels"], pod_labels), where, "PodDisruptionBudget selector does not match the API pods")
    check(not selector_matches(pdb["spec"]["selector"]["matchLabels"], job_labels), where, "PodDisruptionBudget selector matches the Job's pods")
    target = hpa["spec"]["scaleTargetRef"]
    check(target.get("kind") == "Deployment" and target.get("name") == deployment["metadata"]["name"], where,
          "HorizontalPodAutoscaler does not target the API Deployment")
    check(hpa["spec"].get("minReplicas", 1) >= 2, where, "HPA minReplicas below 2 leaves the PDB (minAvailable 1) no room to drain")

    # Images: the API (and its seed init container) use this overlay's API image; the Job uses the trainer image.
    spec = deployment["spec"]["template"]["spec"]
    api = next((c for c in spec["containers"] if c["name"] == "api"), None)
    if not check(api is not None, where, "Deployment has no container named api"):
        return
    expected_api_image = f"{IMAGE_REPOSITORY}:api-{overlay}"
    for kind, c in pod_containers(spec):
        check(c["image"] == expected_api_image, where, f"Deployment container {c['name']} uses {c['image']}, expected {expected_api_image}")
    job_spec = job["spec"]["template"]["spec"]
    for kind, c in pod_containers(job_spec):
        check(c["image"] == f"{IMAGE_REPOSITORY}:trainer", where, f"Job container {c['name']} uses {c['image']}, expected the trainer image")
    for image in {c["image"] for _, c in pod_containers(spec) + pod_containers(job_spec)}:
        tag = image.rsplit(":", 1)[-1]
        check(tag in ("api-cpu", "api-gpu", "trainer"), where, f"image tag {tag} is not a Dockerfile target")

    # Port: the container port named http, the configured Kestrel port, the Dockerfile's EXPOSE, the scrape annotation.
    env = configmap_env(docs, api)
    http_ports = [p for p in api.get("ports", []) if p.get("name") == "http"]
    if check(len(http_ports) == 1, where, "API container must declare exactly one port named http"):
        port = http_ports[0]["containerPort"]
        check(env.get("ASPNETCORE_HTTP_PORTS") == str(port), where,
              f"ASPNETCORE_HTTP_PORTS={env.get('ASPNETCORE_HTTP_PORTS')} differs from containerPort {port}")
        check(ports.get(f"api-{overlay}") == port, where, f"Dockerfile api-{overlay} EXPOSE {ports.get(f'api-{overlay}')} differs from containerPort {port}")
        annotations = deployment["spec"]["template"]["metadata"].get("annotations", {})
        check(annotations.get("prometheus.io/port") == str(port) and annotations.get("prometheus.io/path") == "/metrics"
              and "/metrics" in endpoints, where, "prometheus.io/port and path annotations must name the http port and /metrics")
        svc_ports = service["spec"]["ports"]
        check(all(p.get("targetPort") in ("http", port) for p in svc_ports), where, "Service targetPort must be http or the container port")
        for probe, path in API_PROBES.items():
            p = api.get(probe)
            if not check(p is not None, where, f"API container lacks {probe}"):
                continue
            get = p.get("httpGet", {})
            check(get.get("path") == path, where, f"{probe} path {get.get('path')} should be {path}")
            check(get.get("path") in endpoints, where, f"{probe} path {get.get('path')} did not answer 200 on the running service")
            check(get.get("port") in ("http", port), where, f"{probe} port {get.get('port')} is not the http port {port}")

    # Security: non-root pods, read-only root filesystems, writable paths on volumes.
    for owner, pod in (("Deployment", spec), ("Job", job_spec)):
        sc = pod.get("securityContext", {})
        check(sc.get("runAsNonRoot") is True and sc.get("runAsUser", 0) != 0, where, f"{owner} pod must run as non-root with a non-zero runAsUser")
        volumes = {v["name"]: v for v in pod.get("volumes", [])}
        for kind, c in pod_containers(pod):
            csc = c.get("securityContext", {})
            check(csc.get("readOnlyRootFilesystem") is True, where, f"{owner} container {c['name']} must set readOnlyRootFilesystem")
            check(csc.get("allowPrivilegeEscalation") is False, where, f"{owner} container {c['name']} must forbid privilege escalation")
            check("ALL" in csc.get("capabilities", {}).get("drop", []), where, f"{owner} container {c['name']} must drop ALL capabilities")
            mounts = {m["mountPath"]: m for m in c.get("volumeMounts", [])}
            check("/tmp" in mounts, where, f"{owner} container {c['name']} needs a writable /tmp volume")
            for m in c.get("volumeMounts", []):
                check(m["name"] in volumes, where, f"{owner} container {c['name']} mounts undeclared volume {m['name']}")
            for resource in ("requests", "limits"):
                check("cpu" in c.get("resources", {}).get(resource, {}) and "memory" in c.get("resources", {}).get(resource, {}),
                      where, f"{owner} container {c['name']} lacks cpu/memory {resource}")
    api_mounts = {m["mountPath"]: m for m in api.get("volumeMounts", [])}
    volumes = {v["name"]: v for v in spec.get("volumes", [])}
    data_dir = env.get("Storage__DataDirectory")
    check(data_dir in api_mounts and not api_mounts[data_dir].get("readOnly", False), where,
          f"Storage__DataDirectory={data_dir} must be a writable volume mount of the API container")
    repo_root = env.get("Models__RepositoryRoot")
    if check(repo_root in api_mounts, where, f"Models__RepositoryRoot={repo_root} must be a volume mount of the API container"):
        volume = volumes.get(api_mounts[repo_root]["name"], {})
        check(volume.get("persistentVolumeClaim", {}).get("claimName") == pvc["metadata"]["name"], where,
              "the API's model repository must be the shared PersistentVolumeClaim")
        trainer = job_spec["containers"][0]
        trainer_env = {e["name"]: e.get("value") for e in trainer.get("env", [])}
        out = trainer_env.get("Output__Repository")
        trainer_mounts = {m["mountPath"]: m["name"] for m in trainer.get("volumeMounts", [])}
        job_volumes = {v["name"]: v for v in job_spec.get("volumes", [])}
        check(out in trainer_mounts and job_volumes.get(trainer_mounts[out], {}).get("persistentVolumeClaim", {}).get("claimName")
              == pvc["metadata"]["name"], where, "the training Job must write (Output__Repository) into the same PersistentVolumeClaim the API polls")
    check(env.get("Models__PollInterval", "00:00:00") not in ("00:00:00", "0"), where, "Models__PollInterval must be on, or new versions are never picked up")
    check(any(k.startswith("Experiments__") for k in env), where, "the experiment configuration (Experiments__*) must reach the API container")

    # GPU: the gpu overlay asks for one, the cpu overlay must not.
    gpu_limit = api.get("resources", {}).get("limits", {}).get("nvidia.com/gpu")
    provider = env.get("Inference__ExecutionProvider")
    rendered_text = yaml.safe_dump_all(docs)
    if overlay == "gpu":
        check(gpu_limit is not None and int(gpu_limit) >= 1, where, "the API container must request nvidia.com/gpu in limits")
        check(any(t.get("key") == "nvidia.com/gpu" for t in spec.get("tolerations", [])), where, "needs a toleration for nvidia.com/gpu")
        check(bool(spec.get("nodeSelector")), where, "needs a nodeSelector for GPU nodes")
        check(provider == "Cuda", where, f"Inference__ExecutionProvider should be Cuda, is {provider}")
    else:
        check("nvidia.com/gpu" not in rendered_text, where, "the cpu overlay must not mention nvidia.com/gpu")
        check(provider == "Cpu", where, f"Inference__ExecutionProvider should be Cpu, is {provider}")

    # Autoscaling: CPU plus the Prometheus-adapter Pods metric, whose rule is rendered alongside.
    metrics = hpa["spec"].get("metrics", [])
    check(any(m["type"] == "Resource" and m["resource"]["name"] == "cpu" for m in metrics), where, "HPA must scale on cpu")
    pods_metrics = [m["pods"]["metric"]["name"] for m in metrics if m["type"] == "Pods"]
    check(len(pods_metrics) == 1, where, "HPA must scale on one Pods metric (requests per second)")
    rules_cm = [d for d in docs if d["kind"] == "ConfigMap" and "config.yaml" in d.get("data", {})]
    if check(len(rules_cm) == 1, where, "the Prometheus adapter rule ConfigMap is not rendered"):
        rules = yaml.safe_load(rules_cm[0]["data"]["config.yaml"])["rules"]
        names = [r["name"]["as"] for r in rules]
        check(pods_metrics and pods_metrics[0] in names, where, f"no adapter rule exposes the HPA metric {pods_metrics}")
        for r in rules:
            series = re.match(r"[a-zA-Z_:][a-zA-Z0-9_:]*", r["seriesQuery"]).group(0)
            check(series in metric_families, where, f"adapter rule series {series} is not exported by the service's /metrics")
            check(re.fullmatch(r["name"]["matches"], series) is not None, where,
                  f"adapter rule name.matches does not match {series}")


# ---------------------------------------------------------------------------------------------------------------
# Compose, Prometheus, Grafana

def metric_families_of(metrics_text):
    return set(re.findall(r"^# TYPE (\S+) \S+", metrics_text, re.MULTILINE))


def referenced_metrics(expr):
    names = set(re.findall(r"\b(mmoe_[a-zA-Z0-9_]+)", expr))
    return {re.sub(r"_(bucket|sum|count)$", "", n) for n in names}


def family_exists(name, families):
    return name in families or re.sub(r"_(bucket|sum|count)$", "", name) in families


def check_compose(repo, ports, families, endpoints, promql_out):
    compose_dir = repo / "deploy/compose"
    compose = yaml.safe_load((compose_dir / "compose.yaml").read_text())
    where = "deploy/compose/compose.yaml"
    services = compose.get("services", {})
    for name in ("api", "prometheus", "grafana"):
        check(name in services, where, f"service {name} is missing")
    if not all(name in services for name in ("api", "prometheus", "grafana")):
        return
    api = services["api"]
    check(api.get("build", {}).get("target") in ("api-cpu", "api-gpu"), where, "api must build a Dockerfile api target")
    check(api.get("read_only") is True, where, "api should run with a read-only root filesystem (read_only: true)")
    port = ports.get(api.get("build", {}).get("target"))
    check(any(str(p).endswith(f":{port}") for p in api.get("ports", [])), where, f"api must publish container port {port}")

    prom_config_path = compose_dir / "prometheus/prometheus.yml"
    prom = yaml.safe_load(prom_config_path.read_text())
    targets = [t for job in prom.get("scrape_configs", []) for sc in job.get("static_configs", []) for t in sc.get("targets", [])]
    check(f"api:{port}" in targets, "deploy/compose/prometheus/prometheus.yml", f"must scrape api:{port}")
    check(all(job.get("metrics_path", "/metrics") in endpoints for job in prom.get("scrape_configs", [])),
          "deploy/compose/prometheus/prometheus.yml", "metrics_path must be the service's /metrics")
    mounts = " ".join(str(v) for v in services["prometheus"].get("volumes", []))
    check("prometheus.yml:/etc/prometheus/prometheus.yml" in mounts, where, "prometheus must mount prometheus.yml")

    grafana_mounts = [str(v) for v in services["grafana"].get("volumes", [])]
    provider = yaml.safe_load((compose_dir / "grafana/provisioning/dashboards/mmoe.yml").read_text())
    provider_path = provider["providers"][0]["options"]["path"]
    check(any(m.startswith("../grafana:") and m.split(":")[1] == provider_path for m in grafana_mounts), where,
          f"grafana must mount the whole ../grafana folder at the provider path {provider_path}")
    check(any(m.startswith("./grafana/provisioning:/etc/grafana/provisioning") for m in grafana_mounts), where,
          "grafana must mount the provisioning folder")
    datasources = yaml.safe_load((compose_dir / "grafana/provisioning/datasources/prometheus.yml").read_text())["datasources"]
    ds_uids = {d["uid"] for d in datasources}
    check(any(d["url"] == "http://prometheus:9090" for d in datasources), "grafana datasource", "must point at http://prometheus:9090")

    # Dashboards: valid JSON, unique uids, the provisioned datasource, and only metrics the service exports.
    promql = []
    dashboards = sorted((repo / "deploy/grafana").glob("*.json"))
    check(any(d.name == "mmoe-service.json" for d in dashboards), "deploy/grafana", "mmoe-service.json is missing")
    uids = set()
    for path in dashboards:
        where_d = f"deploy/grafana/{path.name}"
        try:
            dash = json.loads(path.read_text())
        except json.JSONDecodeError as e:
            fail(where_d, f"is not valid JSON: {e}")
            continue
        check(dash.get("uid") not in uids, where_d, f"dashboard uid {dash.get('uid')} is used twice")
        uids.add(dash.get("uid"))
        panels = list(dash.get("panels", []))
        for p in list(panels):
            panels += p.get("panels", [])
        for p in panels:
            for t in p.get("targets", []):
                ds = (t.get("datasource") or p.get("datasource") or {})
                if isinstance(ds, dict) and ds.get("type") == "prometheus":
                    check(ds.get("uid") in ds_uids or str(ds.get("uid", "")).startswith("$"), where_d,
                          f"panel '{p.get('title')}' uses datasource uid {ds.get('uid')}, provisioned: {sorted(ds_uids)}")
                expr = t.get("expr")
                if not expr:
                    continue
                promql.append((f"{path.stem}: {p.get('title')}", expr))
                for name in referenced_metrics(expr):
                    check(family_exists(name, families), where_d,
                          f"panel '{p.get('title')}' queries {name}, which the service's /metrics does not export")

    alerts = yaml.safe_load((compose_dir / "prometheus/alerts.yml").read_text())
    for group in alerts["groups"]:
        for rule in group["rules"]:
            for name in referenced_metrics(rule["expr"]):
                check(family_exists(name, families), "deploy/compose/prometheus/alerts.yml",
                      f"alert {rule.get('alert')} queries {name}, which the service does not export")

    # Grafana's variables replaced by plain values so promtool can parse every panel query as a recording rule.
    def plain(expr):
        expr = expr.replace("$__rate_interval", "1m").replace("$__interval", "1m").replace("$__range", "1h")
        return re.sub(r"\$\{?\w+\}?", ".*", expr)
    rules = {"groups": [{"name": "grafana-panels", "rules": [
        {"record": f"grafana:panel_query:{i}", "expr": plain(e)} for i, (_, e) in enumerate(promql)]}]}
    Path(promql_out).write_text(yaml.safe_dump(rules))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repo", required=True)
    parser.add_argument("--rendered", action="append", required=True)
    parser.add_argument("--metrics", required=True)
    parser.add_argument("--endpoints", required=True, help="file with one path per line that answered 200")
    parser.add_argument("--promql-rules", required=True, help="where to write the dashboards' queries as a rule file")
    a = parser.parse_args()
    repo = Path(a.repo)
    endpoints = set(Path(a.endpoints).read_text().split())
    families = metric_families_of(Path(a.metrics).read_text())
    check(len(families) > 0, "metrics", "the service's /metrics output holds no metric family")

    ports = check_dockerfile(repo, endpoints)
    for item in a.rendered:
        overlay, _, path = item.partition("=")
        docs = [d for d in yaml.safe_load_all(Path(path).read_text()) if d]
        check_overlay(overlay, docs, ports, endpoints, families)
    check_compose(repo, ports, families, endpoints, a.promql_rules)

    for f in FAILURES:
        print(f"  FAIL {f}")
    print(f"validate_deploy.py: {len(FAILURES)} problem(s)")
    return min(len(FAILURES), 100)


if __name__ == "__main__":
    sys.exit(main())
