# The line-shift edit: an edit that changes no racy statement must change no
# verdict (src/judge/identity.h), so the tests build each lab case and each
# example a second time from an edited copy and judge it by the original's
# expected files and baselines.
#
# racelab_shifted_text(<out_var> <text>): text with three lines inserted
# above everything and two before each function definition (a line at
# column 0 ending in ")", or in C++ ") const", ") noexcept" or ") override",
# followed by a line holding only "{"), nothing else changed.
include_guard(GLOBAL)

function(racelab_shifted_text out_var text)
  string(REGEX REPLACE "\n([A-Za-z_][^\n]*\\)( const| noexcept| override)*\n\\{)" "\n/* inserted by the line-shift test */\n\n\\1" text "${text}")
  set(${out_var} "/* Inserted by the line-shift test:\n * three lines above everything.\n */\n${text}" PARENT_SCOPE)
endfunction()

# Copies the directory source to destination with every C and C++ source
# and header shifted (script mode too: the consumer check shifts an example).
function(racelab_shift_tree source destination)
  file(REMOVE_RECURSE "${destination}")
  file(COPY "${source}/" DESTINATION "${destination}")
  file(GLOB_RECURSE sources RELATIVE "${destination}" "${destination}/*.c" "${destination}/*.h"
       "${destination}/*.cpp" "${destination}/*.hpp")
  foreach(file IN LISTS sources)
    file(READ "${destination}/${file}" text)
    racelab_shifted_text(text "${text}")
    file(WRITE "${destination}/${file}" "${text}")
  endforeach()
endfunction()
