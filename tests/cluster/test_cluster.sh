#!/usr/bin/env bash
# `make test-cluster`: the Slurm job array of docs/cluster.md on a real single-node Slurm. Brings up munge
# (when it is not running), slurmctld and slurmd on this machine with a generated slurm.conf, submits the
# docs' script exactly as written, cancels one array task midway, resubmits it as the docs say, and checks
# that the merged report equals that of one uninterrupted local run. Tears everything down afterwards.
# Needs root (the daemons) and the packages slurm-wlm and munge (the Makefile target installs them).
# Usage: tests/cluster/test_cluster.sh PROGSEARCH REPO_ROOT
set -euo pipefail
bin=$(realpath "$1"); root=$(realpath "$2")
work=$(mktemp -d /tmp/progsearch-cluster.XXXXXX)
started_munge=0

say() { echo "test-cluster: $*" >&2; }
die() { say "FAILED: $*"; exit 1; }

teardown() {
  set +e
  [ -n "${SLURM_CONF:-}" ] && scancel --quiet --user "$(id -un)" 2>/dev/null
  for pid_file in "$work/slurmd.pid" "$work/slurmctld.pid"; do
    [ -f "$pid_file" ] && kill "$(cat "$pid_file")" 2>/dev/null
  done
  sleep 1
  [ "$started_munge" = 1 ] && [ -f /run/munge/munged.pid ] && kill "$(cat /run/munge/munged.pid)" 2>/dev/null
  rm -rf "$work"
}
trap teardown EXIT

[ "$(id -u)" -eq 0 ] || die "needs root to run slurmctld, slurmd and munged"
command -v slurmctld >/dev/null && command -v munged >/dev/null || die "slurm-wlm and munge are not installed"

# Munge: Slurm's authentication.
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  mkdir -p /run/munge && chown munge:munge /run/munge
  runuser -u munge -- munged || die "munged did not start"
  started_munge=1
  for _ in $(seq 50); do munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break; sleep 0.1; done
fi

# A single-node Slurm on ports of its own, state and logs in $work.
host=$(hostname -s)
mkdir -p "$work/state" "$work/spool"
cat >"$work/slurm.conf" <<CONF
ClusterName=progsearch-test
SlurmctldHost=$host
SlurmUser=root
SlurmctldPort=16817
SlurmdPort=16818
AuthType=auth/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
NodeName=$host CPUs=$(nproc) State=UNKNOWN
PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$work/slurm.conf
slurmctld -f "$SLURM_CONF" || die "slurmctld did not start"
slurmd -f "$SLURM_CONF" || die "slurmd did not start"
for _ in $(seq 100); do [ "$(sinfo -h -o %T 2>/dev/null)" = idle ] && break; sleep 0.2; done
[ "$(sinfo -h -o %T)" = idle ] || die "the node did not come up: $(tail -3 "$work/slurmd.log")"
say "Slurm is up ($(sinfo -h -o '%P %D %T'))"

# The batch: fast, deterministic synth jobs and discover jobs of a few seconds (the array task cancelled
# midway is busy with those).
run=$work/run
mkdir -p "$run/tasks" "$run/targets"
cp "$root/examples/doctor-names.sl" "$root/examples/last-name.json" "$run/tasks/"
"$bin" discover --target exp --max-ops 6 --time 4 --dense-points 0 --threads 1 --print-config >"$run/targets/exp.txtpb"
# Synth on the two tasks, discover (with checkpoints) on the target.
cat >"$run/jobs.txtpb" <<'JOBS'
tasks: "tasks"
configs { name: "synth" command: "synth" args: "--threads" args: "1" }
configs {
  name: "evo" command: "discover" tasks: "targets"
  args: "--config" args: "{task}" args: "--seed" args: "{seed}" args: "-q" args: "--checkpoint-interval" args: "0.3"
  checkpoint: true
}
repeats: 4
JOBS
# The docs' script, exactly as written.
awk '/^`batch.sbatch`/{found=1} found && /^```bash$/{inside=1; next} inside && /^```$/{exit} inside' \
  "$root/docs/cluster.md" >"$run/batch.sbatch"
grep -q '^progsearch batch jobs.txtpb -o results$' "$run/batch.sbatch" || die "docs/cluster.md has no sbatch script to run"
export PATH="$(dirname "$bin"):$PATH"

cd "$run"
mkdir -p logs && job=$(sbatch --parsable batch.sbatch)
say "submitted array job $job: $(progsearch batch jobs.txtpb -o results --list | wc -l) jobs in 8 shards"
# Cancel array task 3 (a synth job, then a 4 s discover job) a second and a half after it starts.
for _ in $(seq 600); do
  [ "$(squeue -h -j "${job}_3" -o %T 2>/dev/null || true)" = RUNNING ] && break
  sleep 0.1
done
sleep 1.5
scancel "${job}_3"
say "cancelled array task ${job}_3 ($(ls results/records 2>/dev/null | grep -c '\.rec$') records so far)"
wait_for() { for _ in $(seq 1200); do [ -z "$(squeue -h -j "$1" 2>/dev/null)" ] && return 0; sleep 0.25; done; die "job $1 did not finish"; }
wait_for "$job"
before=$(ls results/records | grep -c '\.rec$')
total=$(progsearch batch jobs.txtpb -o results --list | wc -l)
[ "$before" -lt "$total" ] || die "the cancelled array task had already finished its shard"
say "after the cancel: $before of $total jobs recorded; resubmitting array task 3"
again=$(sbatch --parsable --array=3 batch.sbatch)
wait_for "$again"

# One uninterrupted local run of the same batch.
progsearch batch jobs.txtpb -o local -q 2>/dev/null || true
counts() { progsearch report "$1" | tail -n +3 | cut -d'|' -f3-7,10; }
results() {
  python3 - "$1" <<'PY'
import glob, json, sys
for r in sorted((json.load(open(p)) for p in glob.glob(sys.argv[1] + "/records/*.json")), key=lambda r: r["job_id"]):
    # discover's output depends on the clock; synth's does not.
    print(r["job_id"], r["exit_code"], r["output"] if r["config"] == "synth" else "")
PY
}
[ "$(ls results/records | grep -c '\.rec$')" -eq "$total" ] || die "not every job is recorded after the resubmission"
[ "$(counts results)" = "$(counts local)" ] || die "the reports differ:
$(progsearch report results local)"
[ "$(results results)" = "$(results local)" ] || die "the records differ from the local run's"
resumed=$(grep -l '"resumed":true' results/records/*.json 2>/dev/null | wc -l)
say "the array's merged report equals the local run's ($total jobs; $resumed resumed from checkpoints)"
progsearch report results local >&2

# The MPI islands script, as written, on 2 Slurm tasks; then again, as a requeue, with a longer budget:
# it continues from the ranks' checkpoints.
if ! progsearch discover --islands --max-ops 2 --cycles 8 --population 8 --dense-points 0 -q >/dev/null 2>&1; then
  say "skipping the MPI script: this progsearch is built without MPI"
  exit 0
fi
mkdir -p "$work/islands" && cd "$work/islands"
awk '/^`islands.sbatch`/{found=1} found && /^```bash$/{inside=1; next} inside && /^```$/{exit} inside' \
  "$root/docs/cluster.md" >islands.sbatch
grep -q -- '--islands' islands.sbatch || die "docs/cluster.md has no islands script to run"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
first=$(ISLAND_SECONDS=4 sbatch --parsable --ntasks=2 islands.sbatch)
wait_for "$first"
grep -q 'islands: 2,' "islands-$first.out" || die "the islands job did not finish: $(tail -5 "islands-$first.out")"
[ -f islands.ckpt.rank0 ] && [ -f islands.ckpt.rank1 ] || die "the islands left no checkpoints"
second=$(ISLAND_SECONDS=6 sbatch --parsable --ntasks=2 islands.sbatch)
wait_for "$second"
grep -Eq 'timeout after [67]\.[0-9]s: .*resumed from islands.ckpt.rank0' "islands-$second.out" &&
  grep -q 'islands: 2,' "islands-$second.out" ||
  die "the requeued islands job did not continue: $(tail -5 "islands-$second.out")"
say "passed: the batch array, and the MPI islands on 2 tasks, resumed when submitted again"
