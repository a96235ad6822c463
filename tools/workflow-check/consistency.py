"""Consistency of the CI files with the repository: usage `python consistency.py REPO_DIR`.

Checks .github/workflows/*.yml, .github/actions/*/action.yml and .gitlab-ci.yml against the stack files,
the policy configs and the scripts they name, and the delivery rules of issues 13 and 16 (README.md, "CI/CD
workflows": job graph per event, threat model, one install path, drift-only schedules). Prints
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


def github_on(wf):
    on = wf.get("on") or wf.get(True) or {}
    return {on: None} if isinstance(on, str) else ({k: None for k in on} if isinstance(on, list) else on)


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
        self.environments = []   # environment names, stack-substituted
        self.groups = []         # concurrency group (GitHub) / resource_group (GitLab), stack-substituted
        self.env_of = {}         # stack -> environment name of the job's run for that stack
        self.group_of = {}       # stack -> concurrency group / resource group

    def label(self):
        return f"{self.file} job {self.name}"


# `pulumi <command>` in command position (line start, or after ; & | ( ), not inside a message text.
PULUMI_CMD = re.compile(r"(?:^|[;&|(])[ \t]*pulumi\s+(preview|up|update|destroy|refresh)\b([^\n;&|]*(?:\\\n[^\n;&|]*)*)", re.M)


# The repository's stack scripts, as the pulumi operation each runs. scripts/lib/stack-ops.sh always passes the
# policy pack and policies/config/<stack>.json (checked below, "stack scripts run the policy pack").
STACK_SCRIPT = re.compile(r"(?:^|[;&|(\s])(?:\./)?(scripts/ci/preview|scripts/ci/deploy|scripts/rollback|scripts/drift)"
                          r"\s+\"?([\w${}.-]+)\"?([^\n;&|]*)", re.M)


def script_ops(text):
    """[(command, stack, pack, config)] of every stack script call in a shell text."""
    ops = []
    for m in STACK_SCRIPT.finditer(text):
        script, stack, rest = m.groups()
        if script == "scripts/drift":
            ops.append(("drift", stack, None, None))
            continue
        cmd = "up" if script == "scripts/ci/deploy" or (script == "scripts/rollback" and "--preview-only" not in rest) \
            else "preview"
        if script == "scripts/rollback":
            cmd = "rollback-" + cmd
        ops.append((cmd, stack, "policies", f"policies/config/{stack}.json"))
    return ops


def parse_pulumi(text):
    """[(command, stack, pack, config)] of every `pulumi preview|up ...` and stack script in a shell text."""
    ops = script_ops(text)
    for m in PULUMI_CMD.finditer(text):
        args = m.group(2).replace("\\\n", " ")

        def flag(name):
            f = re.search(rf"(?:--{name}[ =]|-s )\s*\"?'?([^\s\"']+)", args) if name == "stack" else \
                re.search(rf"--{name}[ =]\s*\"?'?([^\s\"']+)", args)
            return f.group(1) if f else None
        ops.append((m.group(1), flag("stack"), flag("policy-pack"), flag("policy-pack-config")))
    return ops


def substitute(value, mapping):
    """VALUE (YAML data) with every `${{ KEY }}` of MAPPING replaced by its value."""
    if isinstance(value, str):
        for key, repl in mapping.items():
            value = re.sub(r"\$\{\{\s*" + re.escape(key) + r"\s*\}\}", str(repl), value)
        return value
    if isinstance(value, list):
        return [substitute(v, mapping) for v in value]
    if isinstance(value, dict):
        return {k: substitute(v, mapping) for k, v in value.items()}
    return value


def entry_workflow(wf):
    return set(github_on(wf)) - {"workflow_call"} != set()


def expand_reusable(raw, wdir):
    """A job that calls a local reusable workflow (`uses: ./.github/workflows/X.yml`), as the job it runs: the
    callee's single job with its `inputs.*` replaced by the caller's `with:`, under the caller's name, if and needs."""
    uses = str(raw.get("uses", ""))
    if not uses.startswith("./.github/workflows/"):
        return raw
    callee = load(os.path.join(ROOT, uses[2:])) or {}
    jobs = list((callee.get("jobs") or {}).values())
    if len(jobs) != 1:
        return raw
    defaults = {f"inputs.{k}": (v or {}).get("default", "") for k, v in
                ((github_on(callee).get("workflow_call") or {}).get("inputs") or {}).items()}
    defaults.update({f"inputs.{k}": v for k, v in (raw.get("with") or {}).items()})
    job = substitute(jobs[0], defaults)
    # Steps that run only for some inputs (`if: inputs.rollback-ref != ''`): kept when their condition holds.
    values = {k[len("inputs."):]: str(v) for k, v in defaults.items()}
    steps = []
    for step in job.get("steps") or []:
        cond = str(step.get("if", ""))
        m = re.fullmatch(r"\s*inputs\.([\w-]+)\s*(==|!=)\s*''\s*", cond)
        if m and (values.get(m.group(1), "") == "") != (m.group(2) == "=="):
            continue
        steps.append(step)
    job["steps"] = steps
    for key in ("name", "if", "needs"):
        if key in raw:
            job[key] = raw[key]
        else:
            job.pop(key, None)
    job["called"] = uses
    return job


def github_jobs():
    jobs, workflows = [], {}
    wdir = os.path.join(ROOT, ".github", "workflows")
    for f in sorted(os.listdir(wdir)) if os.path.isdir(wdir) else []:
        if not f.endswith((".yml", ".yaml")):
            continue
        path = os.path.join(wdir, f)
        wf = load(path) or {}
        workflows[rel(path)] = wf
        if not entry_workflow(wf):
            continue  # a reusable workflow: checked as part of the jobs that call it
        dispatch = ((github_on(wf).get("workflow_dispatch") or {}).get("inputs") or {}).get("stack") or {}
        for name, raw in (wf.get("jobs") or {}).items():
            raw = expand_reusable(raw, wdir)
            job = Job(rel(path), name, "github", raw)
            matrix = ((raw.get("strategy") or {}).get("matrix") or {})
            stacks = matrix.get("stack") if isinstance(matrix.get("stack"), list) else [None]
            if stacks == [None] and re.search(r"\$\{\{\s*inputs\.stack\s*\}\}", str(raw)):
                stacks = list(dispatch.get("options") or [])  # a Run workflow input: each stack it offers
            elif stacks == [None] and re.fullmatch(r"[a-z][\w-]*", str((raw.get("env") or {}).get("STACK", ""))):
                stacks = [raw["env"]["STACK"]]
            job.matrix_stacks = [s for s in stacks if s]
            for stack in stacks:
                def sub(text):
                    if not stack:
                        return text
                    text = re.sub(r"\$\{\{\s*(?:matrix|inputs)\.stack\s*\}\}", stack, text)
                    # Steps name the stack as $STACK, which the job's env sets to it.
                    if re.fullmatch(r"\$\{\{\s*(?:matrix|inputs)\.stack\s*\}\}|" + re.escape(stack),
                                    str((raw.get("env") or {}).get("STACK", ""))):
                        text = re.sub(r"\$\{?STACK\}?\b", stack, text)
                    return text
                env = raw.get("environment")
                env = env.get("name") if isinstance(env, dict) else env
                job.environments.append(sub(str(env or "")))
                c = raw.get("concurrency")
                job.groups.append(sub(str((c.get("group") if isinstance(c, dict) else c) or "")))
                job.env_of[stack] = job.environments[-1]
                job.group_of[stack] = job.groups[-1]
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
            job.groups = job.resource_groups
            job.environments = job.environments + [
                sub(str(((raw.get("environment") or {}) if isinstance(raw.get("environment"), dict)
                         else {"name": raw.get("environment")}).get("name") or ""))]
            job.env_of[stack] = job.environments[-1]
            job.group_of[stack] = job.groups[-1]
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
def gitlab_rule_ifs(job):
    return [str(r.get("if", "")) for r in job.raw.get("rules") or []]


# --- when each job runs -----------------------------------------------------------------------------------
# GitHub: the events of the README's table, as (event, ref). A job runs when its workflow has the trigger, its
# `if:` holds and every job it needs runs (or its `if:` has always()).
GH_EVENTS = {
    "pull request": ("pull_request", "refs/pull/1/merge"),
    "push to main": ("push", "refs/heads/main"),
    "v* tag": ("push", "refs/tags/v1.2.3"),
    "schedule": ("schedule", "refs/heads/main"),
    "Run workflow (rollback) on main": ("workflow_dispatch", "refs/heads/main"),
    "Run workflow on another branch": ("workflow_dispatch", "refs/heads/feature"),
}


def gh_triggered(wf, event, ref):
    on = github_on(wf)
    if event not in on:
        return False
    if event != "push":
        return True
    spec = on.get("push") or {}
    pats = spec.get("tags") if ref.startswith("refs/tags/") else spec.get("branches")
    name = ref.split("/", 2)[2]
    return any(re.fullmatch(re.escape(str(p)).replace(r"\*", ".*"), name) for p in pats or [])


def gh_if(expr, event, ref):
    """A job's `if:` for EVENT and REF: the expressions this repository uses (==, !=, &&, ||, !, startsWith,
    always(), github.event_name, github.ref)."""
    if expr is None:
        return True
    e = str(expr).strip()
    e = re.sub(r"^\$\{\{(.*)\}\}$", r"\1", e, flags=re.S)
    e = re.sub(r"startsWith\(\s*github\.ref\s*,\s*'([^']*)'\s*\)", lambda m: repr(ref.startswith(m.group(1))), e)
    e = e.replace("github.event_name", repr(event)).replace("github.ref", repr(ref)).replace("always()", "True")
    e = e.replace("&&", " and ").replace("||", " or ")
    e = re.sub(r"!(?!=)", " not ", e)
    if re.search(r"[a-z_]+\.[a-z_]+|\w+\(", e.replace("True", "")):
        raise ValueError(f"cannot evaluate if: {expr}")
    return bool(eval(e, {"__builtins__": {}}, {}))  # noqa: S307 - only literals remain


def gh_running(event, ref):
    """The GitHub jobs that run for EVENT at REF, in file order."""
    running, names = [], {}
    for job in gh_jobs:
        if not gh_triggered(workflows[job.file], event, ref):
            continue
        needs = job.raw.get("needs") or []
        needs = [needs] if isinstance(needs, str) else needs
        cond = job.raw.get("if")
        if not gh_if(cond, event, ref):
            continue
        if "always()" not in str(cond) and not all(n in names for n in needs):
            continue
        names[job.name] = job
        running.append(job)
    return running


def gh_graph_line(job, stack):
    needs = job.raw.get("needs") or []
    needs = [needs] if isinstance(needs, str) else needs
    name = f"{job.name}[{stack}]" if stack and "strategy" in job.raw else job.name
    return (f"{name} needs=[{','.join(needs)}] environment={job.env_of.get(stack) or '-'} "
            f"concurrency={job.group_of.get(stack) or '-'}")


def gh_graph(event, ref, dispatch_stack="production"):
    lines = []
    for job in gh_running(event, ref):
        stacks = job.matrix_stacks or [None]
        if event == "workflow_dispatch" and re.search(r"inputs\.stack", str(job.raw)):
            stacks = [dispatch_stack]
        lines += [gh_graph_line(job, s) for s in stacks]
    return lines


def gl_sources(cond):
    """The pipeline sources a GitLab rule's `if` can match (None: any)."""
    found = re.findall(r'\$CI_PIPELINE_SOURCE\s*==\s*"(\w+)"', cond)
    if found:
        return set(found)
    return {"push"} if "$CI_COMMIT_TAG" in cond else None


def gl_events(job):
    """Sources a GitLab job can run on: the union over its rules (a job without rules: every source)."""
    rules = job.raw.get("rules")
    if not rules:
        return None
    out = set()
    for r in rules:
        if r.get("when") == "never":
            continue
        src = gl_sources(str(r.get("if", "")))
        if src is None:
            return None
        out |= src
    return out


problems = []
for system, jobs in (("github", gh_jobs), ("gitlab", gl_jobs)):
    previewed = set()
    for job in jobs:
        if system == "github":
            on_pr = job in gh_running(*GH_EVENTS["pull request"])
        else:
            on_pr = any("merge_request_event" in i for i in gitlab_rule_ifs(job))
        if on_pr:
            previewed |= {stack for cmd, stack, _, _, _ in job.ops if cmd == "preview"}
    missing = [s for s in cluster_stacks if s not in previewed]
    if missing:
        problems.append(f"{system}: not previewed on {'pull' if system == 'github' else 'merge'} requests: "
                        f"{', '.join(missing)}")
check(f"every stack but development is previewed on pull/merge requests ({', '.join(cluster_stacks)})", problems)

# 5. who may change which stack: every up in its stack's environment; testing from main; staging and production
# from v* tags, staging first, each by hand (GitLab: manual; GitHub: the environment's reviewers) after its
# plan job; a rollback only from a Run workflow / Run pipeline on main, in the stack's environment.
UP = ("up", "update", "rollback-up")
up_jobs = [(job, stack) for job in all_jobs for cmd, stack, _, _, _ in job.ops if cmd in UP]
problems = []
for stack in cluster_stacks:
    for system in ("github", "gitlab"):
        if not any(j.system == system and s == stack for j, s in up_jobs if "rollback" not in j.name):
            problems.append(f"{system}: no job deploys {stack}")
        if not any(j.system == system and s == stack for j, s in up_jobs if "rollback" in j.name):
            problems.append(f"{system}: no job rolls {stack} back")
allowed = {"testing": {"push to main"}, "staging": {"v* tag"}, "production": {"v* tag"}}
if gh_jobs:
    for label, (event, ref) in GH_EVENTS.items():
        try:
            running = gh_running(event, ref)
        except ValueError as e:
            problems.append(f"github: {e}")
            continue
        for job in running:
            for cmd, stack, *_ in job.ops:
                if cmd not in UP:
                    continue
                ok_event = label == "Run workflow (rollback) on main" if cmd == "rollback-up" \
                    else label in allowed.get(stack, set())
                if not ok_event:
                    problems.append(f"{job.label()}: {cmd} of {stack} runs on {label}")
for job, stack in up_jobs:
    env = job.env_of.get(stack)
    if env != stack:
        problems.append(f"{job.label()}: up of {stack} not in `environment: {stack}` (has {env})")
    if job.system == "gitlab":
        rules = job.raw.get("rules") or []
        if not rules:
            problems.append(f"{job.label()}: up of {stack} without rules")
        for r in rules:
            cond, when = str(r.get("if", "")), r.get("when", "on_success")
            src = gl_sources(cond)
            if "rollback" in job.name:
                if src != {"web"} or "$ROLLBACK_REF" not in cond or when != "manual":
                    problems.append(f"{job.label()}: a rollback must be manual and only from Run pipeline (rule {dict(r)})")
            elif stack in ("staging", "production") and ("$CI_COMMIT_TAG =~ /^v/" not in cond or "||" in cond
                                                        or when != "manual"):
                problems.append(f"{job.label()}: {stack} up must be manual and only on v* tags (rule {dict(r)})")
            elif stack == "testing" and ("$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH" not in cond or src != {"push"}):
                problems.append(f"{job.label()}: testing up must run only on pushes to the default branch (rule {dict(r)})")
# every up needs the plan job that previewed the same stack, and production's plan needs staging's up
for job, stack in up_jobs:
    needs = job.raw.get("needs") or []
    needs = [needs] if isinstance(needs, str) else needs
    byname = {j.name: j for j in all_jobs if j.system == job.system}
    plans = [byname[n] for n in needs if n in byname and any(c in ("preview", "rollback-preview") and s == stack
                                                             for c, s, *_ in byname[n].ops)]
    if not plans:
        problems.append(f"{job.label()}: up of {stack} does not need a job that previews {stack} (the approved plan)")
    for plan in plans:
        if stack == "production" and "rollback" not in job.name:
            pneeds = plan.raw.get("needs") or []
            pneeds = [pneeds] if isinstance(pneeds, str) else pneeds
            if not any(n in byname and any(c == "up" and s == "staging" for c, s, *_ in byname[n].ops) for n in pneeds):
                problems.append(f"{plan.label()}: production's plan must need staging's up (same commit, staging first)")
check("who changes which stack: testing from main, staging then production from v* tags, rollbacks by hand; "
      "each up in its environment after its plan job", problems)

# 6. updates of one stack never overlap; previews never cancel a queued update
problems = []
for job, stack in up_jobs:
    group = job.group_of.get(stack)
    if group != f"pulumi-{stack}":
        problems.append(f"{job.label()}: {'concurrency group' if job.system == 'github' else 'resource_group'} "
                        f"is {group}, not pulumi-{stack}")
    if job.system == "github":
        c = job.raw.get("concurrency")
        if not isinstance(c, dict) or c.get("cancel-in-progress") not in (False, None):
            problems.append(f"{job.label()}: cancel-in-progress must be false")
up_names = {j.name for j, _ in up_jobs}
for job in gh_jobs:
    for group in job.groups:
        if job.name not in up_names and group.startswith("pulumi-"):
            problems.append(f"{job.label()}: shares a deploy concurrency group ({group}); "
                            "a pending job there would cancel a queued up")
check("every up has concurrency pulumi-<stack> without cancel-in-progress (GitHub) or resource_group (GitLab)",
      problems)

# 7. credentials: OIDC only, passphrase and backend from the environment
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
        if not re.fullmatch(r"\$\{\{\s*secrets\.\w+\s*\}\}", str(env.get("PULUMI_CONFIG_PASSPHRASE", ""))):
            problems.append(f"{job.label()}: PULUMI_CONFIG_PASSPHRASE is not taken from a secret")
        if not re.fullmatch(r"\$\{\{\s*(secrets|vars)\.\w+\s*\}\}", str(env.get("PULUMI_BACKEND_URL", ""))):
            problems.append(f"{job.label()}: PULUMI_BACKEND_URL is not taken from the environment's variables")
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
    for var in ("PULUMI_CONFIG_PASSPHRASE", "PULUMI_BACKEND_URL", "AWS_ROLE_ARN", "GITLAB_API_TOKEN"):
        if var in (gitlab.get("variables") or {}) or any(var in (j.raw.get("variables") or {}) for j in gl_jobs):
            problems.append(f".gitlab-ci.yml sets {var} in the file instead of a CI/CD variable")
for f in [rel(a) for a in actions]:
    if re.search(r"role-to-assume", open(os.path.join(ROOT, f), encoding="utf-8").read()) is None:
        problems.append(f"{f}: no role-to-assume")
check("cloud access through OIDC only (no AWS keys); passphrase and backend from the job's environment; "
      "least-privilege permissions", problems)

# 7b. the threat model: no job a pull/merge request reaches reads a protected stack's secrets outside its gated
# preview environment (GitHub: <stack>-preview with required reviewers; GitLab: manual jobs in the protected
# environment <stack>-preview). Deploy and -readonly environments only on protected refs.
PROTECTED = {"staging", "production"}
problems = []
for f, wf in workflows.items():
    for trigger in ("pull_request_target", "workflow_run"):
        if trigger in github_on(wf):
            problems.append(f"{f}: `on: {trigger}` runs with the repository's secrets for untrusted code")
    if re.search(r"secrets\.", str(wf.get("env") or {})):
        problems.append(f"{f}: workflow-level env reads a secret (every job, pull requests included, gets it)")
if gh_jobs:
    for job in gh_running(*GH_EVENTS["pull request"]):
        secrets_read = set(re.findall(r"secrets\.(\w+)", str(job.raw))) - {"GITHUB_TOKEN"}
        for stack in job.matrix_stacks or [None]:
            env = job.env_of.get(stack) or ""
            if not env:
                if secrets_read or re.search(r"vars\.(AWS_ROLE_ARN|PULUMI_BACKEND_URL)", str(job.raw)):
                    problems.append(f"{job.label()}: reads {sorted(secrets_read) or 'stack variables'} on pull requests "
                                    "without an environment")
                continue
            if env != f"{stack}-preview":
                problems.append(f"{job.label()}: a pull request reaches environment {env} (only <stack>-preview)")
    for job in gh_jobs:
        for stack, env in job.env_of.items():
            if env in (stack, f"{stack}-readonly") and job in gh_running(*GH_EVENTS["pull request"]):
                problems.append(f"{job.label()}: {env} on a pull request")
for job in gl_jobs:
    mr_rules = [r for r in job.raw.get("rules") or [] if "merge_request_event" in str(r.get("if", ""))]
    if not mr_rules and job.raw.get("rules"):
        continue
    for stack, env in job.env_of.items():
        if not env:
            continue
        if env != f"{stack}-preview":
            problems.append(f"{job.label()}: a merge request reaches environment {env} (only <stack>-preview)")
        elif stack in PROTECTED and any(r.get("when") != "manual" for r in mr_rules):
            problems.append(f"{job.label()}: {env} runs on merge requests without a maintainer playing it (when: manual)")
check("threat model: no job a pull/merge request reaches gets a protected stack's secrets without its gate "
      f"(GitHub *-preview reviewers, GitLab manual in a protected environment; protected: {', '.join(sorted(PROTECTED))})",
      problems)

# 7c. schedules run drift checks (and the failure notification) only
problems = []
if gh_jobs:
    for job in gh_running(*GH_EVENTS["schedule"]):
        if job.name == "notify" or (job.ops and all(c == "drift" for c, *_ in job.ops)):
            continue
        problems.append(f"{job.label()}: runs on schedules")
    if not any(c == "drift" for j in gh_running(*GH_EVENTS["schedule"]) for c, *_ in j.ops):
        problems.append("github: no drift check on schedules")
drifted = set()
for job in gl_jobs:
    events = gl_events(job)
    if events is None or "schedule" in events:
        if job.raw.get("stage") == "notify" or (job.ops and all(c == "drift" for c, *_ in job.ops)):
            drifted |= {s for c, s, *_ in job.ops if c == "drift"}
            continue
        problems.append(f"{job.label()}: can run on schedules (rules: {job.raw.get('rules')})")
for system, stacks in (("gitlab", drifted if gitlab is not None else set(cluster_stacks)),
                       ("github", {s for j in gh_running(*GH_EVENTS["schedule"]) for c, s, *_ in j.ops if c == "drift"}
                        if gh_jobs else set(cluster_stacks))):
    if set(cluster_stacks) - stacks:
        problems.append(f"{system}: no scheduled drift check of {', '.join(sorted(set(cluster_stacks) - stacks))}")
check("schedules run the drift check of every cluster stack and nothing else (no test, preview or deploy)", problems)

# 7d. one install path: the test jobs run .ci/run, which installs what the tests need; no job installs
# packages for tests or runs the tests another way.
TESTS = re.compile(r"(?<![\w/.-])(?:\./)?scripts/(?:test|[\w-]+-test)\b|\bmvn\b[^\n]*\b(?:verify|test)\b|"
                   r"\bnpm (?:test|run test)\b|\bnode --test\b")
INSTALL = re.compile(r"\b(?:apt-get|apt|apk|yum|dnf|brew)\b[^\n]*\binstall\b|\bpip3? install\b|\bnpm (?:ci|install)\b")
problems = []
for system, jobs in (("github", gh_jobs), ("gitlab", gl_jobs)):
    testers = [j for j in jobs if any(re.search(r"(?<![\w/])(?:\./)?\.ci/run\b", t) for t in j.texts)]
    if not testers:
        problems.append(f"{system}: no test job runs .ci/run")
    for job in jobs:
        for text in job.texts:
            if TESTS.search(text):
                problems.append(f"{job.label()}: runs tests itself ({TESTS.search(text).group(0)}), not through .ci/run")
    for job in testers:
        for text in job.texts:
            if INSTALL.search(text):
                problems.append(f"{job.label()}: installs packages itself ({INSTALL.search(text).group(0)}); "
                                ".ci/run is the one install path")
check("one install path: the test jobs run .ci/run and neither install packages nor run tests another way", problems)

# 7e. GitHub's job graph per event, as the README's table says (GitLab's is run by gitlab-ci-local in
# scripts/pipeline-test).
GH_EXPECTED = {
    "pull request": [
        "test needs=[] environment=- concurrency=-",
        "preview[testing] needs=[test] environment=testing-preview concurrency=preview-testing-${{ github.event.pull_request.number }}",
        "preview[staging] needs=[test] environment=staging-preview concurrency=preview-staging-${{ github.event.pull_request.number }}",
        "preview[production] needs=[test] environment=production-preview concurrency=preview-production-${{ github.event.pull_request.number }}",
    ],
    "push to main": [
        "test needs=[] environment=- concurrency=-",
        "plan-testing needs=[test] environment=testing-readonly concurrency=-",
        "up-testing needs=[plan-testing] environment=testing concurrency=pulumi-testing",
        "notify needs=[test,up-testing,up-staging,up-production,rollback,drift] environment=- concurrency=-",
    ],
    "v* tag": [
        "test needs=[] environment=- concurrency=-",
        "plan-staging needs=[test] environment=staging-readonly concurrency=-",
        "up-staging needs=[plan-staging] environment=staging concurrency=pulumi-staging",
        "plan-production needs=[up-staging] environment=production-readonly concurrency=-",
        "up-production needs=[plan-production] environment=production concurrency=pulumi-production",
        "notify needs=[test,up-testing,up-staging,up-production,rollback,drift] environment=- concurrency=-",
    ],
    "schedule": [
        "drift[testing] needs=[] environment=testing-readonly concurrency=-",
        "drift[staging] needs=[] environment=staging-readonly concurrency=-",
        "drift[production] needs=[] environment=production-readonly concurrency=-",
        "notify needs=[test,up-testing,up-staging,up-production,rollback,drift] environment=- concurrency=-",
    ],
    "Run workflow (rollback) on main": [
        "rollback-plan needs=[] environment=production-readonly concurrency=-",
        "rollback needs=[rollback-plan] environment=production concurrency=pulumi-production",
        "notify needs=[test,up-testing,up-staging,up-production,rollback,drift] environment=- concurrency=-",
    ],
    "Run workflow on another branch": [
        "notify needs=[test,up-testing,up-staging,up-production,rollback,drift] environment=- concurrency=-",
    ],
}
problems = []
if gh_jobs:
    for label, (event, ref) in GH_EVENTS.items():
        try:
            have = gh_graph(event, ref)
        except ValueError as e:
            problems.append(f"github: {e}")
            continue
        if have != GH_EXPECTED[label]:
            problems.append(f"github, {label}: expected " + " | ".join(GH_EXPECTED[label]) + "; found " + " | ".join(have))
check("GitHub job graph per event (on, if, needs, environment, concurrency) is the README's: "
      + "; ".join(f"{label}: {', '.join(line.split()[0] for line in lines)}" for label, lines in GH_EXPECTED.items()),
      problems)

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
    ups = {j.name for j, _ in up_jobs if j.system == "github"} | {j.name for j in gh_jobs
                                                                     if any(c == "drift" for c, *_ in j.ops)}
    notifiers = [j for j in gh_jobs if "always()" in str(j.raw.get("if", "")) and
                 ups <= set(j.raw.get("needs") or []) and any("SLACK_WEBHOOK_URL" in t for t in j.texts +
                 [str(s.get("env", "")) for s in j.raw.get("steps") or []])]
    if not notifiers:
        problems.append("github: no job with if: always() that needs every up and drift job and posts to SLACK_WEBHOOK_URL")
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
