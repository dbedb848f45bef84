#include "util/memory.h"

#include <malloc.h>

// tcmalloc's C entry points. Weak, so the binary links and runs with glibc's
// malloc too (sanitizer and fuzz builds): then they are null.
extern "C" void MallocExtension_ReleaseFreeMemory() __attribute__((weak));
extern "C" int MallocExtension_GetNumericProperty(const char* property, size_t* value) __attribute__((weak));
// The sanitizers' allocator, in sanitized test builds, where mallinfo2 would
// describe glibc's arenas that nothing uses.
extern "C" size_t __sanitizer_get_current_allocated_bytes() __attribute__((weak));

namespace newsmon {
namespace {

size_t AllocatorFreeBytes() {
  size_t free_bytes = 0;
  if (MallocExtension_GetNumericProperty != nullptr &&
      MallocExtension_GetNumericProperty("tcmalloc.pageheap_free_bytes", &free_bytes)) {
    return free_bytes;
  }
  return 0;
}

}  // namespace

size_t ReleaseFreeMemory() {
  if (MallocExtension_ReleaseFreeMemory != nullptr) {
    const size_t before = AllocatorFreeBytes();
    MallocExtension_ReleaseFreeMemory();
    const size_t after = AllocatorFreeBytes();
    return before > after ? before - after : 0;
  }
  malloc_trim(0);
  return 0;
}

long long AllocatedHeapBytes() {
  size_t bytes = 0;
  if (MallocExtension_GetNumericProperty != nullptr &&
      MallocExtension_GetNumericProperty("generic.current_allocated_bytes", &bytes)) {
    return static_cast<long long>(bytes);
  }
  if (__sanitizer_get_current_allocated_bytes != nullptr) {
    return static_cast<long long>(__sanitizer_get_current_allocated_bytes());
  }
  const struct mallinfo2 info = mallinfo2();
  return static_cast<long long>(info.uordblks + info.hblkhd);
}

}  // namespace newsmon
