# Warnings are errors for our own targets only (third-party headers are SYSTEM includes).
function(bd_target_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
    -Wno-sign-conversion -Wnon-virtual-dtor -Woverloaded-virtual -Werror
    # GCC 12 reports false -Wrestrict positives inside libstdc++ string code at -O3 (GCC PR 105329).
    # Clang has no such warning and would reject the unknown flag.
    $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>)
endfunction()

# Collect a layer's sources: each layer lists its folder, so new files need no CMake edit.
function(bd_glob_sources out dir)
  file(GLOB_RECURSE _srcs CONFIGURE_DEPENDS ${dir}/*.cpp ${dir}/*.h ${dir}/*.c)
  set(${out} ${_srcs} PARENT_SCOPE)
endfunction()
