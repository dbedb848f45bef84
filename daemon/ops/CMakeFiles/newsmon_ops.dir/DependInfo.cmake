
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/ops-work/daemon/ops/logging.cc" "daemon/ops/CMakeFiles/newsmon_ops.dir/logging.cc.o" "gcc" "daemon/ops/CMakeFiles/newsmon_ops.dir/logging.cc.o.d"
  "/work/ops-work/daemon/ops/metrics.cc" "daemon/ops/CMakeFiles/newsmon_ops.dir/metrics.cc.o" "gcc" "daemon/ops/CMakeFiles/newsmon_ops.dir/metrics.cc.o.d"
  "/work/ops-work/daemon/ops/metrics_server.cc" "daemon/ops/CMakeFiles/newsmon_ops.dir/metrics_server.cc.o" "gcc" "daemon/ops/CMakeFiles/newsmon_ops.dir/metrics_server.cc.o.d"
  "/work/ops-work/daemon/ops/notifier.cc" "daemon/ops/CMakeFiles/newsmon_ops.dir/notifier.cc.o" "gcc" "daemon/ops/CMakeFiles/newsmon_ops.dir/notifier.cc.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/ops-work/daemon/util/CMakeFiles/newsmon_util.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
