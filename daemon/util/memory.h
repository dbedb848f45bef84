#pragma once

#include <cstddef>

namespace newsmon {

// Hands memory the allocator keeps but the program no longer uses back to
// the operating system. Retention frees index entries in bulk; without this
// the allocator would hold on to those pages and RSS would keep the high
// water mark of the busiest day. Works with tcmalloc when it is linked and
// with glibc's malloc otherwise. Returns the bytes the allocator reported
// as released, or 0 when it cannot tell.
size_t ReleaseFreeMemory();

// Bytes the program has allocated and not freed (not what the allocator
// keeps); -1 when the allocator cannot tell.
long long AllocatedHeapBytes();

}  // namespace newsmon
