// Validates every object of the manifests that kustomization.yaml lists against the Kubernetes API's OpenAPI
// schemas, offline, with kubernetes-models (types, required fields, enums and formats of each API version).
// Usage: node validate.mjs <manifest directory>. Prints one JSON line per object and exits 1 if any is invalid.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse, parseAllDocuments } from "yaml";

const directory = process.argv[2] ?? "..";
const kustomization = parse(readFileSync(join(directory, "kustomization.yaml"), "utf8"));
let invalid = 0;

for (const file of kustomization.resources ?? []) {
  for (const document of parseAllDocuments(readFileSync(join(directory, file), "utf8"))) {
    if (document.errors.length > 0) {
      report(file, null, document.errors.map((error) => error.message));
      continue;
    }
    const object = document.toJS();
    if (object == null) {
      continue;
    }
    report(file, object, await problems(object));
  }
}
process.exit(invalid > 0 ? 1 : 0);

async function problems(object) {
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== "string" || typeof kind !== "string") {
    return ["apiVersion and kind are required"];
  }
  // apps/v1 -> kubernetes-models/apps/v1/Deployment; v1 (the core group) -> kubernetes-models/v1/Service
  let model;
  try {
    model = (await import(`kubernetes-models/${apiVersion}/${kind}`))[kind];
  } catch {
    return [`${apiVersion} ${kind} is not a Kubernetes API type kubernetes-models knows`];
  }
  try {
    new model(object).validate();
    return [];
  } catch (error) {
    return [error.message];
  }
}

function report(file, object, errors) {
  if (errors.length > 0) {
    invalid++;
  }
  console.log(JSON.stringify({
    file,
    kind: object?.kind ?? null,
    name: object?.metadata?.name ?? null,
    valid: errors.length === 0,
    errors,
  }));
}
