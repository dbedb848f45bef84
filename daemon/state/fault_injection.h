// Fault injection under the state store, at SQLite's file-system seam (its
// VFS), as LevelDB's Env does for its tests: writes and syncs fail on
// command, so tests prove that a failing disk stops commits, corrupts
// nothing, and that the daemon recovers when the disk does.
//
//   FaultInjectingVfs& vfs = FaultInjectingVfs::Install();
//   auto store = OpenSqliteStore(path, {.vfs = FaultInjectingVfs::kName});
//   vfs.FailWrites(true);   // every xWrite now returns SQLITE_IOERR_WRITE
//   ...
//   vfs.FailWrites(false);
#pragma once

#include <atomic>
#include <cstdint>

namespace newsmon {

class FaultInjectingVfs {
 public:
  static constexpr const char* kName = "newsmon-faulty";
  // Registers the VFS (once per process) and returns it.
  static FaultInjectingVfs& Install();

  void FailWrites(bool fail) { fail_writes_ = fail; }
  void FailSyncs(bool fail) { fail_syncs_ = fail; }
  uint64_t failed_writes() const { return failed_writes_; }
  uint64_t failed_syncs() const { return failed_syncs_; }

  // Used by the VFS callbacks.
  bool ShouldFailWrite() {
    if (!fail_writes_) return false;
    ++failed_writes_;
    return true;
  }
  bool ShouldFailSync() {
    if (!fail_syncs_) return false;
    ++failed_syncs_;
    return true;
  }

 private:
  std::atomic<bool> fail_writes_{false};
  std::atomic<bool> fail_syncs_{false};
  std::atomic<uint64_t> failed_writes_{0};
  std::atomic<uint64_t> failed_syncs_{0};
};

}  // namespace newsmon
