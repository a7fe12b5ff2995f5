#!/bin/sh
# Builds every corpus program 4 ways and runs each detector RUNS times.
# This is the script that produced tests/reports (see README.md).  It builds
# in /tmp/corpus/bin and writes every run to /tmp/corpus/runs/NAME.TOOL.RUN.EXT;
# run 1 of each was then copied here (COPY=1 does that copy; the hand-edited
# and special files are made by the commands listed in README.md).
# Usage: sh tests/reports/regenerate.sh   [env: RUNS=3 PROGS="..." CASES="..." COPY=1]
# Run 1 of each goes to tests/reports; all runs go to /tmp/corpus/runs for comparison.
set -u
REPO=/work/main
B=/tmp/corpus/bin; mkdir -p /tmp/corpus/bin /tmp/corpus/runs
R=/tmp/corpus/runs
OUT=$REPO/tests/reports
RUNS=${RUNS:-3}
cd "$REPO"
progs=${PROGS-"race_heap race_struct_field race_main_unjoined lock_order race_stack_var unlock_unlocked thread_leak destroy_locked signal_unsafe clean_atomic two_races deep_recursion_race"}
cases=${CASES-"unsafe mutex isolated"}
build() { # name kind sources...
  n=$1; k=$2; shift 2
  case $k in
    tsan-clang) clang -std=c17 -fsanitize=thread -Og -g "$@" -o $B/$n.tsan-clang ;;
    tsan-gcc)   gcc -std=c17 -fsanitize=thread -Og -g "$@" -o $B/$n.tsan-gcc ;;
    vg)         gcc -std=c17 -O0 -g -pthread "$@" -o $B/$n.vg ;;
  esac
}
for n in $progs; do for k in tsan-clang tsan-gcc vg; do build $n $k tests/programs/$n.c; done; done
for n in $cases; do for k in tsan-clang tsan-gcc vg; do build $n $k -Icommon cases/$n/$n.c common/counter_cli.c; done; done
for n in $progs $cases; do
  case " $cases " in *" $n "*) args="2 1000" ;; *) args="" ;; esac
  for i in $(seq 1 $RUNS); do
    for k in tsan-clang tsan-gcc; do
      TSAN_OPTIONS="exitcode=66 halt_on_error=0" $B/$n.$k $args >/dev/null 2>$R/$n.$k.$i.txt; echo "$n $k $i exit=$?" >>$R/exits.txt
    done
    for t in helgrind drd; do
      valgrind --tool=$t --read-var-info=yes --error-exitcode=99 --xml=yes --xml-file=$R/$n.$t.$i.xml $B/$n.vg $args >/dev/null 2>/dev/null; echo "$n $t-xml $i exit=$?" >>$R/exits.txt
      valgrind --tool=$t --read-var-info=yes --error-exitcode=99 $B/$n.vg $args >/dev/null 2>$R/$n.$t.$i.txt; echo "$n $t-txt $i exit=$?" >>$R/exits.txt
    done
  done
done
if [ "${COPY:-0}" = 1 ]; then
  for n in $progs $cases; do
    for e in tsan-clang.txt tsan-gcc.txt helgrind.xml drd.xml helgrind.txt drd.txt; do
      t=${e%%.*}; x=${e#*.}; cp "$R/$n.$t.1.$x" "$OUT/$n.$e"
    done
  done
  # the 300-frame clang report is kept only as long_stack.tsan-clang.txt (run 2)
  [ -f "$OUT/deep_recursion_race.tsan-clang.txt" ] && mv "$R/deep_recursion_race.tsan-clang.2.txt" "$OUT/long_stack.tsan-clang.txt" && rm "$OUT/deep_recursion_race.tsan-clang.txt"
fi
