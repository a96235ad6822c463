"""Consistency of the CI files with the repository: usage `python consistency.py REPO_DIR`.

Checks .github/workflows/*.yml, .github/actions/*/action.yml and .gitlab-ci.yml against the stack files,
the policy configs and the scripts they name, and the delivery rules of issue 13 (see README.md). Prints
`ok - ...` / `not ok - ...` lines; exits 1 if any check fails. Needs ruamel.yaml (installed with
check-jsonschema, tools/workflow-check/lib.sh).
"""
import os
import re
import sys

from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor

ROOT = sys.argv[1] if len(sys.argv) > 1 else "."
results = []


def check(name, problems):
    """Records one check: passes when `problems` (a list of strings) is empty."""
    results.append((name, problems))


def load(path):
    yaml = YAML(typ="safe", pure=True)
    # GitLab's `!reference [job, key]`: kept as a marker, resolved by hand where needed.
    yaml.constructor.add_constructor("!reference", lambda c, node: {"!reference": c.construct_sequence(node)})
    with open(path, encoding="utf-8") as f:
        return yaml.load(f)


def rel(path):
    return os.path.relpath(path, ROOT)


def flatten(value):
    """Script lines of a GitLab `script:` (strings, nested lists; `!reference` markers skipped)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [line for item in value for line in flatten(item)]
    return []


def stack_file(stack):
    return os.path.isfile(os.path.join(ROOT, f"Pulumi.{stack}.yaml"))


stacks_on_disk = sorted(f[len("Pulumi."):-len(".yaml")] for f in os.listdir(ROOT)
                        if re.fullmatch(r"Pulumi\.[\w-]+\.yaml", f))
cluster_stacks = [s for s in stacks_on_disk if s != "development"]


def kube_context(stack):
    """verto:kubeContext from Pulumi.<stack>.yaml, or None."""
    try:
        return ((load(os.path.join(ROOT, f"Pulumi.{stack}.yaml")) or {}).get("config") or {}).get("verto:kubeContext")
    except OSError:
        return None


# --- the jobs, normalised ------------------------------------------------------------------------------
# Each job: file, name, system (github/gitlab), stacks (matrix or fixed), commands (shell text with the
# stack substituted, one list per stack), pulumi operations [(command, stack, policy pack, policy config)].

class Job:
    def __init__(self, file, name, system, raw):
        self.file, self.name, self.system, self.raw = file, name, system, raw
        self.ops = []          # (command, stack, pack, config, where)
        self.texts = []        # every command text, stack-substituted
        self.files = []        # `with:` values of GitHub steps: paths there are files, not commands
        self.kube_contexts = []  # (stack, context)

    def label(self):
        return f"{self.file} job {self.name}"


# `pulumi <command>` in command position (line start, or after ; & | ( ), not inside a message text.
PULUMI_CMD = re.compile(r"(?:^|[;&|(])[ \t]*pulumi\s+(preview|up|update|destroy|refresh)\b([^\n;&|]*(?:\\\n[^\n;&|]*)*)", re.M)


def parse_pulumi(text):
    """[(command, stack, pack, config)] of every `pulumi preview|up ...` in a shell text."""
    ops = []
    for m in PULUMI_CMD.finditer(text):
        args = m.group(2).replace("\\\n", " ")

        def flag(name):
            f = re.search(rf"(?:--{name}[ =]|-s )\s*\"?'?([^\s\"']+)", args) if name == "stack" else \
                re.search(rf"--{name}[ =]\s*\"?'?([^\s\"']+)", args)
            return f.group(1) if f else None
        ops.append((m.group(1), flag("stack"), flag("policy-pack"), flag("policy-pack-config")))
    return ops


def github_jobs():
    jobs, workflows = [], {}
    wdir = os.path.join(ROOT, ".github", "workflows")
    for f in sorted(os.listdir(wdir)) if os.path.isdir(wdir) else []:
        if not f.endswith((".yml", ".yaml")):
            continue
        path = os.path.join(wdir, f)
        wf = load(path) or {}
        workflows[rel(path)] = wf
        for name, raw in (wf.get("jobs") or {}).items():
            job = Job(rel(path), name, "github", raw)
            matrix = ((raw.get("strategy") or {}).get("matrix") or {})
            stacks = matrix.get("stack") if isinstance(matrix.get("stack"), list) else [None]
            job.matrix_stacks = [s for s in stacks if s]
            for stack in stacks:
                def sub(text):
                    return re.sub(r"\$\{\{\s*matrix\.stack\s*\}\}", stack, text) if stack else text
                for step in raw.get("steps") or []:
                    if "run" in step:
                        text = sub(str(step["run"]))
                        job.texts.append(text)
                        job.ops += [op + (text,) for op in parse_pulumi(text)]
                    uses = str(step.get("uses", ""))
                    w = {k: sub(str(v)) for k, v in (step.get("with") or {}).items()}
                    job.files += list(w.values())
                    if uses.startswith("pulumi/actions@") and w.get("command"):
                        job.ops.append((w["command"], w.get("stack-name"), w.get("policyPacks"),
                                        w.get("policyPackConfigs"), f"uses {uses}"))
                    if "kube-context" in w:
                        job.kube_contexts.append((stack, w["kube-context"]))
            jobs.append(job)
    return jobs, workflows


def gitlab_resolve(doc, name, seen=()):
    """A GitLab job with its `extends` merged in (hashes deep-merged, everything else replaced)."""
    raw = dict(doc.get(name) or {})
    parents = raw.pop("extends", [])
    parents = [parents] if isinstance(parents, str) else parents
    merged = {}
    for p in parents:
        if p in seen:
            continue
        merged = deep_merge(merged, gitlab_resolve(doc, p, seen + (name,)))
    return deep_merge(merged, raw)


def deep_merge(a, b):
    out = dict(a)
    for k, v in b.items():
        out[k] = deep_merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def gitlab_lines(doc, value):
    """Script lines with `!reference [job, key]` resolved."""
    if isinstance(value, dict) and "!reference" in value:
        ref = value["!reference"]
        target = gitlab_resolve(doc, ref[0])
        for k in ref[1:]:
            target = (target or {}).get(k)
        return gitlab_lines(doc, target)
    if isinstance(value, list):
        return [line for item in value for line in gitlab_lines(doc, item)]
    return [value] if isinstance(value, str) else []


GITLAB_RESERVED = {"stages", "workflow", "default", "variables", "include", "image", "services", "cache",
                   "before_script", "after_script", "spec"}


def gitlab_jobs():
    path = os.path.join(ROOT, ".gitlab-ci.yml")
    if not os.path.isfile(path):
        return [], None
    doc = load(path) or {}
    jobs = []
    for name in doc:
        if name in GITLAB_RESERVED or name.startswith("."):
            continue
        raw = gitlab_resolve(doc, name)
        job = Job(rel(path), name, "gitlab", raw)
        matrix = ((raw.get("parallel") or {}).get("matrix") or [])
        stacks = [s for entry in matrix for s in (entry.get("STACK") if isinstance(entry.get("STACK"), list)
                                                  else [entry.get("STACK")]) if s]
        job.matrix_stacks = stacks
        fixed = (raw.get("variables") or {}).get("STACK")
        for stack in stacks or [fixed]:
            def sub(text):
                return re.sub(r"\$\{?STACK\}?\b", stack, text) if stack else text
            for key in ("before_script", "script", "after_script"):
                for line in gitlab_lines(doc, raw.get(key)):
                    text = sub(line)
                    job.texts.append(text)
                    job.ops += [op + (text,) for op in parse_pulumi(text)]
                    m = re.search(r"update-kubeconfig\b.*--alias\s+\"?([^\s\"]+)", text)
                    if m:
                        job.kube_contexts.append((stack, m.group(1)))
            job.resource_groups = getattr(job, "resource_groups", []) + [sub(str(raw.get("resource_group", "")))]
            job.environments = getattr(job, "environments", []) + [
                sub(str(((raw.get("environment") or {}) if isinstance(raw.get("environment"), dict)
                         else {"name": raw.get("environment")}).get("name") or ""))]
        jobs.append(job)
    return jobs, doc


gh_jobs, workflows = github_jobs()
gl_jobs, gitlab = gitlab_jobs()
all_jobs = gh_jobs + gl_jobs
ci_files = list(workflows) + ([".gitlab-ci.yml"] if gitlab is not None else [])
adir = os.path.join(ROOT, ".github", "actions")
actions = [os.path.join(adir, d, "action.yml") for d in sorted(os.listdir(adir))] if os.path.isdir(adir) else []
ci_files += [rel(a) for a in actions if os.path.isfile(a)]
action_texts = []
for a in actions:
    if os.path.isfile(a):
        for step in ((load(a) or {}).get("runs") or {}).get("steps") or []:
            action_texts.append(str(step.get("run", "")))

check("CI files found (GitHub workflows and .gitlab-ci.yml)",
      [] if workflows and gitlab is not None else [f"found {ci_files or 'none'}"])

# 1. every stack named exists
problems = []
for job in all_jobs:
    for stack in job.matrix_stacks:
        if not stack_file(stack):
            problems.append(f"{job.label()}: matrix stack '{stack}' has no Pulumi.{stack}.yaml")
    for cmd, stack, _, _, where in job.ops:
        if not stack:
            problems.append(f"{job.label()}: `pulumi {cmd}` without --stack ({where.strip()[:80]})")
        elif not stack_file(stack):
            problems.append(f"{job.label()}: stack '{stack}' has no Pulumi.{stack}.yaml")
check("every stack the CI files name has a Pulumi.<stack>.yaml", problems)

# 2. policy pack and per-stack policy config on every preview and up; every config path exists
problems = []
for job in all_jobs:
    for cmd, stack, pack, config, _ in job.ops:
        if cmd not in ("preview", "up", "update"):
            continue
        if pack != "policies":
            problems.append(f"{job.label()}: `pulumi {cmd} --stack {stack}` without --policy-pack policies")
        if config != f"policies/config/{stack}.json":
            problems.append(f"{job.label()}: `pulumi {cmd} --stack {stack}` uses policy config {config}, "
                            f"not policies/config/{stack}.json")
    for text in job.texts:
        for path in re.findall(r"policies/config/[\w.${}-]+\.json", text):
            if not os.path.isfile(os.path.join(ROOT, path)):
                problems.append(f"{job.label()}: {path} does not exist")
check("previews and ups run the policy pack with their stack's policies/config/<stack>.json, which exists",
      problems)

# 3. repository scripts named exist and are executable
problems, named = [], set()
REPO_PATH = r"(?<![\w/.$-])(?:\./)?((?:scripts|\.ci|tools)/[\w./-]*[\w-])"
for text in [t for j in all_jobs for t in j.texts] + action_texts:
    for path in re.findall(REPO_PATH, text):
        named.add(path)
        full = os.path.join(ROOT, path)
        if not os.path.isfile(full):
            problems.append(f"{path} does not exist")
        elif not os.access(full, os.X_OK):
            problems.append(f"{path} is not executable")
for text in [t for j in all_jobs for t in j.files]:
    for path in re.findall(REPO_PATH, text):
        if not os.path.exists(os.path.join(ROOT, path)):
            problems.append(f"{path} does not exist")
check(f"repository scripts the CI files run exist and are executable ({', '.join(sorted(named)) or 'none'})",
      sorted(set(problems)))


# 4. every cluster stack is previewed on pull / merge requests
def github_on(wf):
    on = wf.get("on") or wf.get(True) or {}
    return {on: None} if isinstance(on, str) else ({k: None for k in on} if isinstance(on, list) else on)


def gitlab_rule_ifs(job):
    return [str(r.get("if", "")) for r in job.raw.get("rules") or []]


problems = []
for system, jobs in (("github", gh_jobs), ("gitlab", gl_jobs)):
    previewed = set()
    for job in jobs:
        if system == "github":
            on_pr = "pull_request" in github_on(workflows[job.file]) and \
                ("if" not in job.raw or "pull_request" in str(job.raw["if"]))
        else:
            on_pr = any("merge_request_event" in i for i in gitlab_rule_ifs(job))
        if on_pr:
            previewed |= {stack for cmd, stack, _, _, _ in job.ops if cmd == "preview"}
    missing = [s for s in cluster_stacks if s not in previewed]
    if missing:
        problems.append(f"{system}: not previewed on {'pull' if system == 'github' else 'merge'} requests: "
                        f"{', '.join(missing)}")
check(f"every stack but development is previewed on pull/merge requests ({', '.join(cluster_stacks)})", problems)

# 5. who may run which up
up_jobs = [(job, stack) for job in all_jobs for cmd, stack, _, _, _ in job.ops if cmd in ("up", "update")]
problems = []
for stack in cluster_stacks:
    for system in ("github", "gitlab"):
        if not any(j.system == system and s == stack for j, s in up_jobs):
            problems.append(f"{system}: no job runs `pulumi up --stack {stack}`")
for job, stack in up_jobs:
    if job.system == "github":
        cond = str(job.raw.get("if", ""))
        env = job.raw.get("environment")
        env = env.get("name") if isinstance(env, dict) else env
        if env != stack:
            problems.append(f"{job.label()}: up of {stack} not behind `environment: {stack}` (has {env})")
        on = github_on(workflows[job.file])
        if stack == "production":
            tags = ((on.get("push") or {}).get("tags") or []) if isinstance(on.get("push"), dict) else []
            if "startsWith(github.ref, 'refs/tags/v')" not in cond or "||" in cond or "v*" not in tags:
                problems.append(f"{job.label()}: production up must run only on pushed v* tags (if: {cond})")
        elif stack == "staging":
            if "workflow_dispatch" not in cond or "||" in cond:
                problems.append(f"{job.label()}: staging up must run only on manual dispatch (if: {cond})")
        elif stack == "testing":
            if "refs/heads/main" not in cond or "||" in cond:
                problems.append(f"{job.label()}: testing up must run only on main (if: {cond})")
    else:
        env = (job.raw.get("environment") or {})
        env = env.get("name") if isinstance(env, dict) else env
        if env != stack:
            problems.append(f"{job.label()}: up of {stack} not in `environment: {stack}` (has {env})")
        rules = job.raw.get("rules") or []
        if not rules:
            problems.append(f"{job.label()}: up of {stack} without rules")
        for r in rules:
            cond, when = str(r.get("if", "")), r.get("when", "on_success")
            if stack == "production" and ("$CI_COMMIT_TAG =~ /^v/" not in cond or "||" in cond or when != "manual"):
                problems.append(f"{job.label()}: production up must be manual and only on v* tags (rule {dict(r)})")
            if stack == "staging" and when != "manual":
                problems.append(f"{job.label()}: staging up must be manual (rule {dict(r)})")
check("production updates only on v* tags behind environment production; staging by hand; testing from main",
      problems)

# 6. updates of one stack never overlap; previews never cancel a queued update
problems = []
for job, stack in up_jobs:
    if job.system == "github":
        c = job.raw.get("concurrency")
        group = c.get("group") if isinstance(c, dict) else c
        if group != f"pulumi-{stack}":
            problems.append(f"{job.label()}: concurrency group is {group}, not pulumi-{stack}")
        if not isinstance(c, dict) or c.get("cancel-in-progress") not in (False, None):
            problems.append(f"{job.label()}: cancel-in-progress must be false")
    elif f"pulumi-{stack}" not in job.resource_groups:
        problems.append(f"{job.label()}: resource_group is {job.resource_groups}, not pulumi-{stack}")
for job in gh_jobs:
    c = job.raw.get("concurrency")
    group = str(c.get("group") if isinstance(c, dict) else c or "")
    if job not in [j for j, _ in up_jobs] and group.startswith("pulumi-"):
        problems.append(f"{job.label()}: shares a deploy concurrency group ({group}); "
                        "a pending job there would cancel a queued up")
check("every up has concurrency pulumi-<stack> without cancel-in-progress (GitHub) or resource_group (GitLab)",
      problems)

# 7. credentials: OIDC only, passphrase and backend from secrets
problems = []
for f in ci_files:
    with open(os.path.join(ROOT, f), encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if re.search(r"aws-access-key-id|aws-secret-access-key|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY",
                         line, re.I):
                problems.append(f"{f}:{n}: long-lived AWS key: {line.strip()}")
touching = [j for j in all_jobs if j.ops]
for job in touching:
    if job.system == "github":
        perms = job.raw.get("permissions") or {}
        if perms.get("id-token") != "write":
            problems.append(f"{job.label()}: no `id-token: write` for OIDC")
        env = job.raw.get("env") or {}
        for var in ("PULUMI_CONFIG_PASSPHRASE", "PULUMI_BACKEND_URL"):
            if not re.fullmatch(r"\$\{\{\s*secrets\.\w+\s*\}\}", str(env.get(var, ""))):
                problems.append(f"{job.label()}: {var} is not taken from a secret")
        if not any("./.github/actions/pulumi-setup" == str(s.get("uses")) or
                   str(s.get("uses", "")).startswith("aws-actions/configure-aws-credentials@")
                   for s in job.raw.get("steps") or []):
            problems.append(f"{job.label()}: no AWS login through OIDC (configure-aws-credentials)")
    else:
        if not job.raw.get("id_tokens"):
            problems.append(f"{job.label()}: no id_tokens for OIDC")
for job in gh_jobs:
    perms = job.raw.get("permissions")
    if perms is None and (workflows[job.file].get("permissions") not in ({}, "read-all")):
        problems.append(f"{job.label()}: no permissions (inherits the default token scope)")
    perms = perms or {}
    if perms.get("id-token") == "write" and not job.ops:
        problems.append(f"{job.label()}: id-token: write but touches no stack")
    if perms.get("pull-requests") == "write" and not any(c == "preview" for c, *_ in job.ops):
        problems.append(f"{job.label()}: pull-requests: write but posts no preview")
if gitlab is not None:
    for var in ("PULUMI_CONFIG_PASSPHRASE", "PULUMI_BACKEND_URL", "AWS_ROLE_ARN"):
        if var in (gitlab.get("variables") or {}) or any(var in (j.raw.get("variables") or {}) for j in gl_jobs):
            problems.append(f".gitlab-ci.yml sets {var} in the file instead of a CI/CD variable")
for f in [rel(a) for a in actions]:
    if re.search(r"role-to-assume", open(os.path.join(ROOT, f), encoding="utf-8").read()) is None:
        problems.append(f"{f}: no role-to-assume")
check("cloud access through OIDC only (no AWS keys); passphrase and backend from secrets; "
      "least-privilege permissions", problems)

# 8. each stack's kube context is the one its stack file names
problems = []
for job in all_jobs:
    own = {s for _, s, *_ in job.ops}
    for stack, ctx in job.kube_contexts:
        # A job without a matrix: the one stack its pulumi commands name.
        stack = stack or (next(iter(own)) if len(own) == 1 else None)
        want = kube_context(stack) if stack else None
        if stack and want != ctx:
            problems.append(f"{job.label()}: kube context {ctx} for {stack}, whose stack file says {want}")
check("kube contexts match each stack's verto:kubeContext", problems)

# 9. notification on success and on failure
problems = []
if gh_jobs:
    ups = {j.name for j, _ in up_jobs if j.system == "github"}
    notifiers = [j for j in gh_jobs if "always()" in str(j.raw.get("if", "")) and
                 ups <= set(j.raw.get("needs") or []) and any("SLACK_WEBHOOK_URL" in t for t in j.texts +
                 [str(s.get("env", "")) for s in j.raw.get("steps") or []])]
    if not notifiers:
        problems.append("github: no job with if: always() that needs every up job and posts to SLACK_WEBHOOK_URL")
if gitlab is not None:
    for when in ("on_success", "on_failure"):
        if not any(when in [r.get("when") for r in j.raw.get("rules") or []] and j.raw.get("stage") == "notify"
                   for j in gl_jobs):
            problems.append(f"gitlab: no notify job with when: {when}")
check("a notification on success and on failure", problems)

# 10. toolchain versions agree with the project's
problems = []
pom = open(os.path.join(ROOT, "pom.xml"), encoding="utf-8").read() if os.path.isfile(os.path.join(ROOT, "pom.xml")) else ""
k8s = re.search(r"<pulumi\.kubernetes\.version>([^<]+)<", pom)
boot = os.path.join(ROOT, "scripts", "bootstrap-pulumi.sh")
cli = re.search(r"^PULUMI_VERSION=v?(\S+)", open(boot, encoding="utf-8").read(), re.M) if os.path.isfile(boot) else None
texts = [t for j in all_jobs for t in j.texts] + [open(os.path.join(ROOT, f), encoding="utf-8").read() for f in ci_files]
for t in texts:
    for v in re.findall(r"plugin install resource kubernetes v?(\S+)", t):
        if k8s and v != k8s.group(1):
            problems.append(f"kubernetes plugin {v} in CI, pom.xml has {k8s.group(1)}")
    for v in re.findall(r"(?:pulumi-version:|PULUMI_VERSION:)\s*\"?v?([\d.]+)", t):
        if cli and v != cli.group(1):
            problems.append(f"Pulumi CLI {v} in CI, scripts/bootstrap-pulumi.sh has {cli.group(1)}")
check("Pulumi CLI and Kubernetes plugin versions match scripts/bootstrap-pulumi.sh and pom.xml",
      sorted(set(problems)))

failed = 0
for name, problems in results:
    if problems:
        failed += 1
        print(f"not ok - {name}")
        for p in problems:
            print(f"    {p}")
    else:
        print(f"ok - {name}")
sys.exit(1 if failed else 0)
