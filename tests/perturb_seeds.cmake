# run.perturb-seeds: `racelab run --seed S --runs 2` perturbs run K with
# seed S+K-1, writes each run's sidecar with its seed, which the shim
# completes with what it did (a shim left inert writes no points), counts
# per finding the seeds that found it, and `--seed S+1 --runs 1` writes
# the second run's seed again (a replay); against an expected file the
# perturbed runs stop once every expected race has shown.
#   -DRACELAB= -DDETECTOR= -DWORK= -P perturb_seeds.cmake -- PROGRAM
include("${CMAKE_CURRENT_LIST_DIR}/racelab_expect.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/../cmake/CommandAfterSeparator.cmake")
set(program ${command})
file(REMOVE_RECURSE "${WORK}")

# races_by_name races on two variables in every schedule: 2 of 2 seeds each.
racelab_expect_all(1 MATCH "perturbed \\(pct, depth 3, budget 1000 ms\\): seeds 41 to 42; the last run passed [1-9][0-9]* synchronisation points"
                           "found in 2 of 2 seeds \\(first: --seed 41\\); at that rate 1 run finds it"
                   ARGS run --detector ${DETECTOR} --seed 41 --runs 2 --report "${WORK}/r" -- ${program})
foreach(run_and_seed ".perturb;41" ".run2.perturb;42")
  list(GET run_and_seed 0 suffix)
  list(GET run_and_seed 1 seed)
  file(READ "${WORK}/r${suffix}" sidecar)
  if(NOT sidecar MATCHES "^seed=${seed}\nstrategy=pct\ndepth=3\nbudget_ms=1000\npoints=[1-9][0-9]*\n")
    message(FATAL_ERROR "${WORK}/r${suffix}: not seed ${seed} with the shim's counts:\n${sidecar}")
  endif()
endforeach()

# The replay of run 2, under the delay strategy's name too: a plain run
# after it leaves no sidecar behind.
racelab_expect_all(1 MATCH "seed 42; the last run passed"
                   ARGS run --detector ${DETECTOR} --seed 42 --perturb-strategy delay --report "${WORK}/replay" -- ${program})
file(READ "${WORK}/replay.perturb" sidecar)
if(NOT sidecar MATCHES "^seed=42\nstrategy=delay\n")
  message(FATAL_ERROR "${WORK}/replay.perturb: not the replay's seed:\n${sidecar}")
endif()
racelab_expect_all(1 MATCH "FOUND" ARGS run --detector ${DETECTOR} --report "${WORK}/replay" -- ${program})
if(EXISTS "${WORK}/replay.perturb")
  message(FATAL_ERROR "a plain run kept ${WORK}/replay.perturb from the perturbed one before it")
endif()

# Against an expected file, perturbed runs stop at the run that has shown
# every race the file requires; plain runs make every run given.
file(COPY_FILE "${WORK}/r.found" "${WORK}/expected")
racelab_expect_all(0 MATCH "flagged in 1 of 1 runs \\(of up to 5: stopped once every expected race was seen\\)"
                   ARGS run --detector ${DETECTOR} --perturb --runs 5 --expected "${WORK}/expected"
                        --report "${WORK}/stops" -- ${program})
racelab_expect_all(0 MATCH "flagged in 5 of 5 runs"
                   ARGS run --detector ${DETECTOR} --runs 5 --expected "${WORK}/expected" --report "${WORK}/all" -- ${program})
