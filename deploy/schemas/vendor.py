#!/usr/bin/env python3
"""Refreshes the schemas the deployment checks validate against (see README.md here).

  vendor.py <kubernetes swagger.json> <CRDs-catalog checkout>

Writes kubernetes/definitions.json: the definitions of the Kubernetes OpenAPI (v2) document that the kinds below
reach (copied unchanged, plus ObjectMeta for custom resources), and crds/<group>/<kind>_<version>.json: the CRD
schemas, copied unchanged.
"""
import json
import os
import shutil
import sys

KINDS = [  # (group, version, kind): every built-in kind deploy/kubernetes renders, and a few it may soon
    ("", "v1", "ConfigMap"), ("", "v1", "Namespace"), ("", "v1", "Secret"), ("", "v1", "Service"),
    ("", "v1", "ServiceAccount"), ("apps", "v1", "Deployment"), ("autoscaling", "v2", "HorizontalPodAutoscaler"),
    ("networking.k8s.io", "v1", "Ingress"), ("networking.k8s.io", "v1", "NetworkPolicy"),
    ("policy", "v1", "PodDisruptionBudget"),
]
CRDS = [
    "kafka.strimzi.io/kafka_v1.json", "kafka.strimzi.io/kafkanodepool_v1.json", "kafka.strimzi.io/kafkatopic_v1.json",
    "kafka.strimzi.io/kafkauser_v1.json", "postgresql.cnpg.io/cluster_v1.json", "postgresql.cnpg.io/database_v1.json",
    "postgresql.cnpg.io/pooler_v1.json", "postgresql.cnpg.io/scheduledbackup_v1.json",
    "monitoring.coreos.com/prometheusrule_v1.json", "monitoring.coreos.com/servicemonitor_v1.json",
]
META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"


def refs(node, found):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/definitions/"):
            found.add(ref[len("#/definitions/"):])
        for value in node.values():
            refs(value, found)
    elif isinstance(node, list):
        for value in node:
            refs(value, found)


def main(swagger_path, catalog):
    here = os.path.dirname(os.path.abspath(__file__))
    definitions = json.load(open(swagger_path))["definitions"]
    wanted = {META}
    for name, schema in definitions.items():
        for gvk in schema.get("x-kubernetes-group-version-kind", []):
            if (gvk["group"], gvk["version"], gvk["kind"]) in KINDS:
                wanted.add(name)
    queue, kept = list(wanted), {}
    while queue:
        name = queue.pop()
        if name in kept:
            continue
        kept[name] = definitions[name]
        found = set()
        refs(kept[name], found)
        queue.extend(found - kept.keys())
    os.makedirs(os.path.join(here, "kubernetes"), exist_ok=True)
    with open(os.path.join(here, "kubernetes", "definitions.json"), "w") as out:
        json.dump({"definitions": dict(sorted(kept.items()))}, out, indent=1, sort_keys=False)
        out.write("\n")
    for crd in CRDS:
        target = os.path.join(here, "crds", crd)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(os.path.join(catalog, crd), target)
    print(f"{len(kept)} Kubernetes definitions, {len(CRDS)} CRD schemas")


if __name__ == "__main__":
    main(*sys.argv[1:3])
