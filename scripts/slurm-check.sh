#!/usr/bin/env bash
# Runs the README's Slurm array job for real, on this one machine, and checks that the merged
# shards equal a single-process run of the same experiment.
#
# It installs Debian's slurm-wlm and munge (and iproute2, for ss) when missing, starts its own munged, slurmctld and
# slurmd (loopback only, every file in a new temporary folder, no systemd), submits the README's
# array script (extracted from README.md, so the README is what is tested) for 2 runs x 3 epochs
# as 4 array tasks, waits for it (bounded), runs `one-neuron merge` as the README says, and
# compares the merged results file by file with `one-neuron experiment` run once without --shard.
# Every daemon it started is stopped by its pid on exit, whatever happens.
#
#   bash scripts/slurm-check.sh            # needs root (or sudo) for apt-get and the daemons
#   SLURM_CHECK_KEEP=1 bash scripts/slurm-check.sh   # keep the temporary folder (logs, results)
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
started_at=$SECONDS
runs=2 epochs=3 tasks=4
job_timeout="${SLURM_CHECK_TIMEOUT:-150}"   # seconds for the whole array job
daemon_timeout=30                            # seconds for each daemon to come up

say() { echo "slurm-check: $*"; }
fail() { echo "slurm-check: FAILED: $*" >&2; exit 1; }

# --- Packages --------------------------------------------------------------------------------
missing=()
for package in slurm-wlm munge iproute2; do
  # "install ok installed": a removed package keeps a status ("deinstall ok config-files") that dpkg -s accepts.
  [ "$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null)" = "install ok installed" ] || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]} ..."
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi
[ "$(id -u)" -eq 0 ] || fail "the Slurm daemons run as root here (SlurmUser=root): run this script as root"
for tool in munged mungekey slurmctld slurmd sbatch squeue scontrol sinfo scancel ss; do
  command -v "$tool" >/dev/null || fail "'$tool' not found after installing slurm-wlm and munge"
done

# --- The program and the data -----------------------------------------------------------------
bash scripts/ensure-deps.sh
swift build -c release --product one-neuron >/dev/null
bin="$repo/.build/release"
eeg="${ONE_NEURON_EEG_DATA:-../shared/data/eeg}"
[ -f "$eeg/ML101_KS.csv" ] || fail "EEG recordings not found in $eeg (set ONE_NEURON_EEG_DATA)"
eeg="$(cd "$eeg" && pwd)"

# --- A private cluster: temporary folder, cleanup trap ----------------------------------------
work="$(mktemp -d /tmp/one-neuron-slurm.XXXXXX)"
chmod 711 "$work"   # munged wants its socket's folders searchable by all
mkdir -p "$work/munge" "$work/state" "$work/spool" "$work/job"
chmod 711 "$work/munge"
# Every process this script starts (daemons, slurmstepd, the job's one-neuron) carries this
# variable, so the cleanup can find any of them left behind, by pid.
marker="ONE_NEURON_SLURM_CHECK=$work"
pids=()
jobid=""

stop_pid() {   # TERM, up to 10 s, then KILL
  local pid=$1 name=$2 i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  echo "slurm-check: $name (pid $pid) did not stop in 10 s; killing it" >&2
  kill -KILL "$pid" 2>/dev/null || true
}

marked_pids() {   # processes whose environment carries the marker
  local environ pid
  for environ in /proc/[0-9]*/environ; do
    pid="${environ#/proc/}"; pid="${pid%/environ}"
    [ "$pid" = "$$" ] && continue
    if { tr '\0' '\n' < "$environ"; } 2>/dev/null | grep -qxF "$marker"; then echo "$pid"; fi
  done
}

cleanup() {
  local status=$? i pid
  trap - EXIT INT TERM
  if [ -n "$jobid" ] && [ -f "$work/slurm.conf" ] && squeue -h -j "$jobid" 2>/dev/null | grep -q .; then
    scancel "$jobid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do squeue -h -j "$jobid" 2>/dev/null | grep -q . || break; sleep 0.1; done
  fi
  # Daemons in reverse start order: slurmd, slurmctld, munged.
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    stop_pid "${pids[$i]%%:*}" "${pids[$i]#*:}"
    wait "${pids[$i]%%:*}" 2>/dev/null || true
  done
  # Anything they left behind (a slurmstepd or a job step killed with its daemon).
  for pid in $(marked_pids); do stop_pid "$pid" "leftover process $(cat /proc/"$pid"/comm 2>/dev/null || true)"; done
  if [ -n "$(marked_pids)" ]; then
    echo "slurm-check: processes still running after cleanup: $(marked_pids | tr '\n' ' ')" >&2
    status=1
  fi
  if [ "$status" -ne 0 ]; then
    # The daemons' own output (in the foreground they print what their log files get), then the tasks'.
    for log in "$work"/*.out "$work"/job/slurm-*.out; do
      [ -f "$log" ] || continue
      echo "---- last lines of $log" >&2
      tail -n 15 "$log" >&2
    done
  fi
  if [ -n "${SLURM_CHECK_KEEP:-}" ]; then say "kept $work"; else rm -rf "$work"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'echo "slurm-check: interrupted; stopping the daemons" >&2; exit 130' INT TERM

free_port() {   # the first port from $1 up that nothing listens on, skipping $2
  local port=$1
  while [ -n "$(ss -Htan "sport = :$port")" ] || [ "$port" = "${2:-}" ]; do port=$((port + 1)); done
  echo "$port"
}
ctld_port="$(free_port 16817)"
slurmd_port="$(free_port $((ctld_port + 1)) "$ctld_port")"

# --- munged: its own key and socket -----------------------------------------------------------
mungekey --create --keyfile="$work/munge/munge.key" >/dev/null
chmod 600 "$work/munge/munge.key"
socket="$work/munge/munge.socket"
env "$marker" munged --foreground --force --key-file="$work/munge/munge.key" --socket="$socket" \
  --pid-file="$work/munge/munged.pid" --log-file="$work/munged.log" --seed-file="$work/munge/munged.seed" \
  > "$work/munged.out" 2>&1 &
pids+=("$!:munged")

wait_for() {   # wait_for SECONDS WHAT COMMAND...: polls COMMAND every 0.2 s
  local limit=$1 what=$2 i; shift 2
  for ((i = 0; i < limit * 5; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    for entry in "${pids[@]}"; do
      kill -0 "${entry%%:*}" 2>/dev/null || fail "${entry#*:} exited while waiting for $what (see its log below)"
    done
    sleep 0.2
  done
  fail "timed out after $limit s waiting for $what"
}
wait_for "$daemon_timeout" "munged's socket" test -S "$socket"

# --- slurm.conf: one node, loopback, files in the temporary folder ----------------------------
cpus="$(nproc)"
cat > "$work/slurm.conf" <<EOF
ClusterName=oneneuroncheck
SlurmctldHost=localhost
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
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
JobCompType=jobcomp/none
MpiDefault=none
MailProg=/bin/true
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SlurmdParameters=config_overrides
ReturnToService=2
MinJobAge=600
NodeName=localhost NodeAddr=127.0.0.1 NodeHostname=localhost CPUs=$cpus State=UNKNOWN
PartitionName=check Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$work/slurm.conf"

env "$marker" slurmctld -D -i -f "$SLURM_CONF" > "$work/slurmctld.out" 2>&1 &
pids+=("$!:slurmctld")
wait_for "$daemon_timeout" "slurmctld to answer (scontrol ping)" bash -c 'scontrol ping | grep -q "is UP"'
env "$marker" slurmd -D -N localhost -f "$SLURM_CONF" > "$work/slurmd.out" 2>&1 &
pids+=("$!:slurmd")
node_ready() { sinfo -h -n localhost -o %T | grep -qE '^(idle|mixed|allocated)'; }
wait_for "$daemon_timeout" "the node to be idle (sinfo)" node_ready
say "munged, slurmctld (port $ctld_port) and slurmd (port $slurmd_port) up after $((SECONDS - started_at)) s"

# --- The README's array script, submitted as it is --------------------------------------------
awk '/A Slurm array job/{s=1} s&&/^```sh$/{c=1;next} c&&/^```$/{exit} c' README.md > "$work/array.sh"
grep -q '^#SBATCH --array' "$work/array.sh" && grep -q 'one-neuron experiment' "$work/array.sh" \
  || fail "could not extract the Slurm array script from README.md (the sh block after 'A Slurm array job')"
merge_line="$(sed -n 's/^#   *\(one-neuron merge .*\)$/\1/p' "$work/array.sh")"
[ -n "$merge_line" ] || fail "the README's array script has no '#   one-neuron merge ...' line"
cpus_per_task=()
[ "$cpus" -lt 2 ] && cpus_per_task=(--cpus-per-task="$cpus")   # the script asks for 2
cd "$work/job"
export PATH="$bin:$PATH" EEG_DIR="$eeg" RUNS="$runs" EPOCHS="$epochs"
submitted=$SECONDS
jobid="$(env "$marker" sbatch --parsable --array=1-"$tasks" ${cpus_per_task[@]+"${cpus_per_task[@]}"} \
  --output="$work/job/slurm-%A_%a.out" "$work/array.sh")" || fail "sbatch refused the README's array script"
jobid="${jobid%%;*}"
say "submitted array job $jobid ($tasks tasks, $runs runs x $epochs epochs)"

job_done() { ! squeue -h -j "$jobid" 2>/dev/null | grep -q .; }
wait_for "$job_timeout" "array job $jobid to finish" job_done
scontrol -o show job "$jobid" > "$work/job-states.txt" 2>&1 || true
states="$(sed -n 's/.* ArrayTaskId=\([0-9]*\) .*JobState=\([A-Z_]*\) .*ExitCode=\([0-9:]*\) .*/task \1: \2 exit \3/p' "$work/job-states.txt" | sort -t' ' -k2n | paste -sd ';' | sed 's/;/; /g')"
[ "$(grep -o 'COMPLETED exit 0:0' <<< "$states" | wc -l)" -eq "$tasks" ] \
  || fail "not every array task completed (their output is below): ${states:-no job record: $(cat "$work/job-states.txt")}"
say "array job done in $((SECONDS - submitted)) s: $states"

# --- Merge as the README says, then the same experiment in one process ------------------------
eval "$merge_line" > "$work/merge.log" 2>&1 || fail "'$merge_line' failed: $(tail -n 5 "$work/merge.log")"
# (Its folder has the merged folder's name, which the report names.)
one-neuron experiment --eeg "$EEG_DIR" --runs "$runs" --epochs "$epochs" --threads 2 --quiet --out single/all > "$work/single.log" 2>&1 \
  || fail "the single-process run failed: $(tail -n 5 "$work/single.log")"

# Every file must be byte-identical (results, checkpoints, report, figures) except the seconds
# per epoch (timings.jsonl), and both folders must hold the same files.
merged=results/seed/all single=single/all
[ "$(cd "$single" && find . -type f | sort)" = "$(cd "$merged" && find . -type f | sort)" ] \
  || fail "the merged folder and the single-process folder hold different files: $(diff <(cd "$single" && find . -type f | sort) <(cd "$merged" && find . -type f | sort) | head -n 6)"
compared=0
while IFS= read -r file; do
  case "$file" in timings.jsonl|*/timings.jsonl) continue ;; esac
  cmp -s "$single/$file" "$merged/$file" \
    || fail "$file differs between the merged shards and the single-process run: $(diff "$single/$file" "$merged/$file" | head -n 4)"
  compared=$((compared + 1))
done < <(cd "$single" && find . -type f | sed 's|^\./||' | sort)
for file in epochs.jsonl runs.jsonl epochs.csv config.json report.md; do
  [ -f "$single/$file" ] || fail "the single-process run wrote no $file"
done
say "merged results equal the single-process run: $compared files byte-identical"
say "passed in $((SECONDS - started_at)) s"
