#!/bin/sh
# Makes the reports of issue 10 (reading reports no one here wrote): the
# programs added for it, under all four detectors, and the ways a run can
# end that the first corpus lacked: Valgrind with -q, killed by a signal
# (SIGALRM from the program, SIGTERM from `timeout`), crashed (SIGSEGV),
# DRD's lock-hold and barrier errors, a DRD memory trace.
# Usage (from the repository root): sh tests/reports/regenerate-issue10.sh
#   [env: PLAIN="progs for the 6-file set" EXTRA=0 to skip the special runs]
# Builds in /tmp/corpus10/bin, writes the reports straight into tests/reports
# and every exit status into /tmp/corpus10/exits.txt.
set -u
B=/tmp/corpus10/bin; mkdir -p $B
OUT=tests/reports
EXITS=/tmp/corpus10/exits.txt; : >$EXITS
VG="valgrind --read-var-info=yes --error-exitcode=99"
export TSAN_OPTIONS="exitcode=66 halt_on_error=0"
progs="race_one_side_locked race_then_crash race_then_wait huge_malloc flag_handoff fd_race many_leaks lock_cycle_one_thread long_hold race_freed_block race_in_libc"
src() { if [ "$1" = tsan_named ]; then echo tests/programs/valgrind_sources/tsan_named.c; else echo tests/programs/$1.c; fi; }
for n in $progs tsan_named; do
  clang -std=c17 -fsanitize=thread -Og -g "$(src $n)" -o $B/$n.tsan-clang
  gcc -std=c17 -fsanitize=thread -Og -g "$(src $n)" -o $B/$n.tsan-gcc
  gcc -std=c17 -O0 -g -pthread "$(src $n)" -o $B/$n.vg
done
# The binary's own name starts with tsan_ (what the program's frames carry).
for k in tsan-clang tsan-gcc vg; do cp $B/tsan_named.$k $B/tsan_named; mkdir -p $B/$k; mv $B/tsan_named $B/$k/tsan_named; done
bin() { if [ "$1" = tsan_named ]; then echo $B/$2/tsan_named; else echo $B/$1.$2; fi; }
note() { echo "$1 exit=$2" >>$EXITS; }
# The plain set: 6 files per program, as regenerate.sh makes them.
# race_freed_block needs Helgrind's --free-is-write=yes to see the free as a write.
extra() { [ "$1.$2" = race_freed_block.helgrind ] && echo --free-is-write=yes; }
for n in ${PLAIN-race_one_side_locked race_then_crash flag_handoff fd_race many_leaks lock_cycle_one_thread race_freed_block race_in_libc tsan_named}; do
  for k in tsan-clang tsan-gcc; do
    $(bin $n $k) >/dev/null 2>$OUT/$n.$k.txt; note $n.$k.txt $?
  done
  for t in helgrind drd; do
    $VG --tool=$t $(extra $n $t) --xml=yes --xml-file=$OUT/$n.$t.xml $(bin $n vg) >/dev/null 2>/dev/null; note $n.$t.xml $?
    $VG --tool=$t $(extra $n $t) $(bin $n vg) >/dev/null 2>$OUT/$n.$t.txt; note $n.$t.txt $?
  done
done
[ "${EXTRA:-1}" = 1 ] || exit 0
# The program's own fault that TSan reports (gcc's runtime; clang's returned NULL here).
$B/huge_malloc.tsan-gcc >/dev/null 2>$OUT/huge_malloc.tsan-gcc.txt; note huge_malloc.tsan-gcc.txt $?
# -q: no banner, no ERROR SUMMARY.
for n in race_one_side_locked; do
  for t in helgrind drd; do
    $VG -q --tool=$t $B/$n.vg >/dev/null 2>$OUT/$n.$t-q.txt; note $n.$t-q.txt $?
    $VG -q --tool=$t --xml=yes --xml-file=$OUT/$n.$t-q.xml $B/$n.vg >/dev/null 2>/dev/null; note $n.$t-q.xml $?
  done
done
# Killed by a signal: SIGALRM from the program itself, SIGTERM from outside.
for k in tsan-clang tsan-gcc; do
  $B/race_then_wait.$k alarm >/dev/null 2>$OUT/race_then_wait.alarm.$k.txt; note race_then_wait.alarm.$k.txt $?
done
for t in helgrind drd; do
  $VG --tool=$t $B/race_then_wait.vg alarm >/dev/null 2>$OUT/race_then_wait.alarm.$t.txt; note race_then_wait.alarm.$t.txt $?
  $VG --tool=$t --xml=yes --xml-file=$OUT/race_then_wait.alarm.$t.xml $B/race_then_wait.vg alarm >/dev/null 2>/dev/null; note race_then_wait.alarm.$t.xml $?
  timeout -s TERM 8 $VG --tool=$t $B/race_then_wait.vg >/dev/null 2>$OUT/race_then_wait.term.$t.txt; note race_then_wait.term.$t.txt $?
  timeout -s TERM 8 $VG --tool=$t --xml=yes --xml-file=$OUT/race_then_wait.term.$t.xml $B/race_then_wait.vg >/dev/null 2>/dev/null; note race_then_wait.term.$t.xml $?
done
# DRD's lock-hold and barrier errors.
$VG --tool=drd --exclusive-threshold=10 $B/long_hold.vg >/dev/null 2>$OUT/long_hold.drd-threshold.txt; note long_hold.drd-threshold.txt $?
$VG --tool=drd --exclusive-threshold=10 --xml=yes --xml-file=$OUT/long_hold.drd-threshold.xml $B/long_hold.vg >/dev/null 2>/dev/null; note long_hold.drd-threshold.xml $?
# DRD's memory trace of one global (a non-PIE build, so its address is fixed).
gcc -std=c17 -O0 -g -pthread -no-pie tests/programs/valgrind_sources/tsan_named.c -o $B/tsan_named.nopie
addr=$(nm $B/tsan_named.nopie | sed -n 's/^\([0-9a-f]*\) b counter$/0x\1/p')
$VG --tool=drd --trace-addr=$addr $B/tsan_named.nopie >/dev/null 2>$OUT/tsan_named.drd-trace-addr.txt; note tsan_named.drd-trace-addr.txt $?
cat $EXITS
