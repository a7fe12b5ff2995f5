# Proof that the gate can fail.  Each mutant is a case's own source with one
# textual edit that reintroduces (or removes) the race; it is built for the
# configured detector and judged against the ORIGINAL case's expected file.
# Its test passes only when racelab reports a mismatch (exit 1) that names
# the case and the detector: not when the detector crashed or was missing.
#
# The edit must match the case source exactly, or the mutation test fails,
# so a mutant cannot silently stop mutating when a case is rewritten.
#
# DETECTORS limits a mutation to the detectors that can see it: putting the
# release/acquire fix into a flag handoff changes nothing for Helgrind and
# DRD, which report the fixed program too (their expected files say why).
# The mutant runs with the case's own declared arguments.

function(racelab_add_mutant)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "NAME;CASE;FIND;REPLACE;SHOWS" "DETECTORS")
  if(arg_DETECTORS AND NOT RACELAB_DETECTOR IN_LIST arg_DETECTORS)
    return()
  endif()
  racelab_case_source(source "${PROJECT_SOURCE_DIR}/cases/${arg_CASE}")
  file(READ "${source}" text)
  set(test mutation.${arg_NAME}.${RACELAB_DETECTOR})
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${source}")
  string(FIND "${text}" "${arg_FIND}" position)
  if(position EQUAL -1)
    # The case was rewritten (or broken: someone deleted the lock) so the
    # mutation no longer applies.  That fails this test, loudly, but must not
    # stop the configure step: the case's own tests still have to run and
    # name what is wrong with the case.
    add_test(NAME ${test} COMMAND ${CMAKE_COMMAND} -E echo
             "mutation ${arg_NAME} no longer applies: '${arg_FIND}' not found in ${source}")
    set_tests_properties(${test} PROPERTIES FAIL_REGULAR_EXPRESSION "no longer applies"
                         LABELS "mutation;case:${arg_CASE};detector:${RACELAB_DETECTOR}")
    return()
  endif()
  string(REPLACE "${arg_FIND}" "${arg_REPLACE}" mutated "${text}")
  # The case's own file name: its sites then match the expected file's
  # wherever the edit leaves a statement as it was.
  get_filename_component(source_name "${source}" NAME)
  set(mutant_source "${CMAKE_BINARY_DIR}/mutants/${arg_NAME}/${source_name}")
  file(GENERATE OUTPUT "${mutant_source}" CONTENT "${mutated}")

  # DRD names no global (racelab does not pass it --read-var-info=yes:
  # docs/guide.md, "The same race under Helgrind"), so there a variable's name in
  # SHOWS also matches DRD's `global`.
  set(shows "${arg_SHOWS}")
  if(RACELAB_DETECTOR STREQUAL "drd")
    string(REGEX REPLACE "data-race ([A-Za-z_][A-Za-z0-9_]*)" "data-race (\\1|global)" shows "${shows}")
  endif()

  racelab_read_case("${source}" case)
  set(mutant_sources)
  foreach(file IN LISTS case_SOURCES)
    if(file STREQUAL source)
      set(file "${mutant_source}")
    endif()
    list(APPEND mutant_sources "${file}")
  endforeach()
  racelab_add_detector_program(mutant_${arg_NAME} case SOURCES ${mutant_sources})
  # A mutant is broken on purpose (the lock it no longer takes is unused):
  # its warnings are expected, so they are silenced rather than fail the build.
  target_compile_options(mutant_${arg_NAME} PRIVATE -w)
  racelab_case_runs(runs case MUTANT)
  racelab_add_race_test(NAME mutation.${arg_NAME} TARGET mutant_${arg_NAME} ARGS ${case_ARGS} ${runs}
                        EXPECTED "${PROJECT_SOURCE_DIR}/cases/${arg_CASE}"
                        EXPECT_MISMATCH "MISMATCH: mutation.${arg_NAME} under ${RACELAB_DETECTOR}.*${shows}"
                        LABELS mutation case:${arg_CASE} STDIN "${case_STDIN}" ENVIRONMENT ${case_ENVIRONMENT})
endfunction()

# The lock taken out of the mutex fix: the race must come back.
racelab_add_mutant(NAME mutex-without-lock CASE mutex
  FIND "pthread_mutex_lock(&counter_lock);\n        counter += 1;\n        pthread_mutex_unlock(&counter_lock);"
  REPLACE "counter += 1;"
  SHOWS "\\+ data-race counter")

# Every thread adding into one shared slot instead of its own.
racelab_add_mutant(NAME isolated-shared-slot CASE isolated
  FIND "my_slot->count = local;"
  REPLACE "results[0].count += local;"
  SHOWS "\\+ data-race results")

# The fix put into unsafe (an atomic counter): the expected race must vanish,
# and a gate that only checked "something was reported" would miss that.
racelab_add_mutant(NAME unsafe-made-atomic CASE unsafe
  FIND "static long counter;"
  REPLACE "static _Atomic long counter;"
  SHOWS "- data-race counter")

# ---- the cases beyond the counter: each fix broken, each race fixed ----
#
# Each runs under every detector that reports the case's race or its fix
# (DETECTORS names them where some cannot).

# The atomic taken out of atomic_counter: a plain add on the same memory.
racelab_add_mutant(NAME atomic-counter-plain-add CASE atomic_counter
  FIND "atomic_fetch_add(&counter, 1);"
  REPLACE "*(long *)&counter += 1;"
  SHOWS "\\+ data-race counter")

# release/acquire weakened to relaxed: the message is no longer published.
# Helgrind and DRD report the fixed program already (false positives).
racelab_add_mutant(NAME release-made-relaxed CASE flag_release_acquire
  FIND "memory_order_release"
  REPLACE "memory_order_relaxed"
  SHOWS "\\+ data-race message"
  DETECTORS tsan tsan-gcc)

# The relaxed store made a plain one: now a real race (TSan only: Helgrind
# and DRD flag the atomic version too).
racelab_add_mutant(NAME relaxed-store-made-plain CASE relaxed_atomics
  FIND "atomic_store_explicit(&progress, step, memory_order_relaxed);"
  REPLACE "*(long *)&progress = step;"
  SHOWS "\\+ data-race progress"
  DETECTORS tsan tsan-gcc)

# Every thread adding into the first slot instead of its own.
racelab_add_mutant(NAME false-sharing-one-slot CASE false_sharing
  FIND "struct slot *mine = work->slot;"
  REPLACE "struct slot *mine = &slots[0];"
  SHOWS "\\+ data-race slots")

# The write of the split critical section done without the lock: now a race too.
racelab_add_mutant(NAME split-write-unlocked CASE split_critical_section
  FIND "        pthread_mutex_lock(&counter_lock);\n        counter = seen + 1; // NORACE: written under the lock, from a value that may be stale\n        pthread_mutex_unlock(&counter_lock);"
  REPLACE "        counter = seen + 1;"
  SHOWS "\\+ data-race counter")

# two_mutexes fixed: every thread takes lock_a.
racelab_add_mutant(NAME two-mutexes-made-one CASE two_mutexes
  FIND "t % 2 == 0 ? &lock_a : &lock_b"
  REPLACE "&lock_a"
  SHOWS "- data-race counter")

# heap_block fixed: deposit takes the account's lock.
racelab_add_mutant(NAME heap-block-locked CASE heap_block
  FIND "account->balance += 1;"
  REPLACE "pthread_mutex_lock(&account->lock);\n        account->balance += 1;\n        pthread_mutex_unlock(&account->lock);"
  SHOWS "- data-race heap")

# read_before_join fixed: the read moved after the join.
racelab_add_mutant(NAME read-after-join CASE read_before_join
  FIND "long seen = result; // RACE! read before the join that would order it\n    pthread_join(t, NULL);"
  REPLACE "pthread_join(t, NULL);\n    long seen = result;"
  SHOWS "- data-race result")

# stack_variable fixed with a lock (DRD does not report the race to begin with).
racelab_add_mutant(NAME stack-variable-locked CASE stack_variable
  FIND "*total += 1;"
  REPLACE "static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;\n        pthread_mutex_lock(&lock);\n        *total += 1;\n        pthread_mutex_unlock(&lock);"
  SHOWS "- data-race stack"
  DETECTORS tsan tsan-gcc helgrind)

# lock_order_inversion fixed: both threads take lock_a first (DRD has no such check).
racelab_add_mutant(NAME lock-order-made-one CASE lock_order_inversion
  FIND "    pthread_mutex_lock(&lock_b);\n    pthread_mutex_lock(&lock_a); /* the inversion: b before a */"
  REPLACE "    pthread_mutex_lock(&lock_a);\n    pthread_mutex_lock(&lock_b);"
  SHOWS "- lock-order-inversion"
  DETECTORS tsan tsan-gcc helgrind)

# condvar_handoff broken: the producer writes message again after unlocking.
racelab_add_mutant(NAME condvar-write-after-unlock CASE condvar_handoff
  FIND "    pthread_mutex_unlock(&lock);\n    return NULL;\n}\n\nstatic void *consumer"
  REPLACE "    pthread_mutex_unlock(&lock);\n    message = 43;\n    return NULL;\n}\n\nstatic void *consumer"
  SHOWS "\\+ data-race message")

# write_under_read_lock fixed: the writer takes the lock in write mode.
racelab_add_mutant(NAME read-lock-made-write-lock CASE write_under_read_lock
  FIND "pthread_rwlock_rdlock(&counter_lock);"
  REPLACE "pthread_rwlock_wrlock(&counter_lock);"
  SHOWS "- data-race counter")

# pthread_once taken out: both threads may initialise, unordered.
racelab_add_mutant(NAME once-made-plain-check CASE pthread_once_init
  FIND "pthread_once(&config_once, init_config);"
  REPLACE "if (instance == NULL)\n        init_config();"
  SHOWS "\\+ data-race instance")

# thread_leak fixed: main joins the worker (only TSan checks for leaks).
racelab_add_mutant(NAME thread-joined CASE thread_leak
  FIND "/* missing: pthread_join(t, NULL); */"
  REPLACE "pthread_join(t, NULL);"
  SHOWS "- thread-leak"
  DETECTORS tsan tsan-gcc)

# The spinlock taken out: the race is real now, under every detector.
racelab_add_mutant(NAME spinlock-removed CASE spinlock
  FIND "        pthread_spin_lock(&counter_lock);\n        counter += 1; // NORACE: inside the spinlock's critical section\n        pthread_spin_unlock(&counter_lock);"
  REPLACE "        counter += 1;"
  SHOWS "\\+ data-race counter")

# ---- the C++ cases ----

# cxx_member_race fixed: a mutex around the member's update.
racelab_add_mutant(NAME cxx-member-locked CASE cxx_member_race
  FIND "        hits += 1; // RACE! both threads, no lock"
  REPLACE "    {\n        static std::mutex lock;\n        std::lock_guard<std::mutex> guard(lock);\n        hits += 1;\n    }"
  SHOWS "- data-race counter")

# The lock_guard taken out: the member's update races again.
racelab_add_mutant(NAME cxx-lock-guard-removed CASE cxx_lock_guard
  FIND "        std::lock_guard<std::mutex> guard(lock);\n        hits += 1; // NORACE: under the guard"
  REPLACE "        hits += 1;"
  SHOWS "\\+ data-race counter")

# The relaxed store made a plain one (TSan only: Helgrind and DRD flag the
# atomic version too, expected.helgrind and expected.drd).
racelab_add_mutant(NAME cxx-relaxed-store-made-plain CASE cxx_atomic_relaxed
  FIND "progress.store(i, std::memory_order_relaxed);"
  REPLACE "*reinterpret_cast<volatile long *>(&progress) = i;"
  SHOWS "\\+ data-race progress"
  DETECTORS tsan tsan-gcc)

# release/acquire weakened to relaxed: the message is no longer published
# (TSan only, as for the C case).
racelab_add_mutant(NAME cxx-release-made-relaxed CASE cxx_release_acquire
  FIND "ready.store(true, std::memory_order_release);"
  REPLACE "ready.store(true, std::memory_order_relaxed);"
  SHOWS "\\+ data-race message"
  DETECTORS tsan tsan-gcc)

# call_once taken out: both threads may initialise, unordered.
racelab_add_mutant(NAME cxx-call-once-made-plain-check CASE cxx_call_once
  FIND "    std::call_once(config_once, init_config);"
  REPLACE "    if (!instance)\n        init_config();"
  SHOWS "\\+ data-race instance")

# The producer fills the message after it left the lock.  Not under
# Helgrind: it takes the notify that follows the write as ordering it before
# the wait's return (measured: 5 of 5 runs clean), while the consumer may
# test the predicate and read without any notify.
racelab_add_mutant(NAME cxx-condvar-write-outside-lock CASE cxx_condition_variable
  FIND "        message = {4, 2}; // NORACE: under the lock\n        ready = true;     // NORACE: under the lock\n    }"
  REPLACE "        ready = true;\n    }\n    message = {4, 2};"
  SHOWS "\\+ data-race"
  DETECTORS tsan tsan-gcc drd)

# Each thread writes the shared object through its own copy as it reads
# it: sharing the object is not owning it alone.  The loop's copies
# go too: their count updates (acq_rel atomics) would order the threads
# now and then and hide the race from TSan in some runs.
racelab_add_mutant(NAME cxx-shared-ptr-object-written CASE cxx_shared_ptr
  FIND "        std::shared_ptr<Settings> copy = mine; // NORACE: the count is atomic\n        *sum += copy->level;                   // NORACE: only read\n    }"
  REPLACE "        *sum += mine->level;\n        mine->level = 3;\n        asm volatile(\"\" ::: \"memory\"); // keeps clang -Og from hoisting both out of the loop (no line left)\n    }"
  SHOWS "\\+ data-race heap")

# sv_stdin_guarded with its input ignored (the workers never lock): its
# clean verdict must fail, so the case really depends on what stdin says.
racelab_add_mutant(NAME stdin-mode-ignored CASE sv_stdin_guarded
  FIND "    use_lock = strcmp(mode, \"nolock\") != 0;"
  REPLACE "    use_lock = mode[0] == '?';"
  SHOWS "\\+ data-race (total|global)")

# ---- the hidden races (perturb=on: the mutants run perturbed too) ----
#
# A race the schedule hides is still caught when put back, and a fix still
# shows: each under every detector, in perturbed runs (20 for a racy case, 8 for a twin).

# The answer written before the log lock instead of under it.
racelab_add_mutant(NAME hidden-lock-write-unlocked CASE hidden_unrelated_lock_fixed
  FIND "    pthread_mutex_lock(&log_lock);\n    answer = 42; // NORACE: under the lock\n"
  REPLACE "    answer = 42;\n    pthread_mutex_lock(&log_lock);\n"
  SHOWS "\\+ data-race answer")

# main joins before it reads the answer: the race is gone.
racelab_add_mutant(NAME hidden-lock-read-after-join CASE hidden_unrelated_lock
  FIND "    int seen = answer; // RACE! read without the join that would order it\n    pthread_join(t, NULL);"
  REPLACE "    pthread_join(t, NULL);\n    int seen = answer;"
  SHOWS "- data-race answer")

# The result written after saying done, outside the lock.
racelab_add_mutant(NAME hidden-condvar-write-after-done CASE hidden_condvar_fixed
  FIND "    result = 42; // NORACE: written before saying done, under the lock\n    done = 1;\n    pthread_cond_signal(&changed);\n    pthread_mutex_unlock(&lock);"
  REPLACE "    done = 1;\n    pthread_cond_signal(&changed);\n    pthread_mutex_unlock(&lock);\n    result = 42;"
  SHOWS "\\+ data-race result")

# The result written before saying done, under the lock: the race is gone.
racelab_add_mutant(NAME hidden-condvar-write-before-done CASE hidden_condvar
  FIND "    done = 1;\n    pthread_cond_signal(&changed);\n    pthread_mutex_unlock(&lock);\n    result = 42; // RACE! written after saying done"
  REPLACE "    result = 42;\n    done = 1;\n    pthread_cond_signal(&changed);\n    pthread_mutex_unlock(&lock);"
  SHOWS "- data-race result")

# The statistics added after the queue's lock is let go.
racelab_add_mutant(NAME hidden-stats-outside-lock CASE hidden_stats_queue_fixed
  FIND "        consumed += item; // NORACE: under the queue's lock\n        if (--count == 0)\n            pthread_cond_signal(&drained); /* took the last one: tell main */\n        pthread_mutex_unlock(&lock);"
  REPLACE "        if (--count == 0)\n            pthread_cond_signal(&drained);\n        pthread_mutex_unlock(&lock);\n        consumed += item;"
  SHOWS "\\+ data-race consumed")
