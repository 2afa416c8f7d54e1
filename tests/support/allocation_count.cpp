// Replacement global operator new/delete for the test binary that count allocations (allocation_count.hpp).
// Every form that frees with operator delete(void*) is replaced, the nothrow ones included: under AddressSanitizer,
// whose runtime defines each form itself, a form left out would allocate through ASan and be freed here, which ASan
// reports as a mismatch (std::stable_sort's nothrow temporary buffer did). Aligned forms are left to the library or
// the sanitizer, which pairs them with its own aligned delete.
#include "support/allocation_count.hpp"

#include <malloc.h>

#include <atomic>
#include <cstdlib>
#include <new>

namespace {
std::atomic<std::size_t> g_allocations{0};
// Live bytes as the allocator sizes each block (malloc_usable_size, so a free needs no size of its own).
std::atomic<std::size_t> g_live{0};
std::atomic<std::size_t> g_peak{0};

void* counted(void* p) {
    if (!p) return p;
    const std::size_t now = g_live.fetch_add(malloc_usable_size(p), std::memory_order_relaxed) + malloc_usable_size(p);
    std::size_t peak = g_peak.load(std::memory_order_relaxed);
    while (now > peak && !g_peak.compare_exchange_weak(peak, now, std::memory_order_relaxed)) {
    }
    return p;
}

void release(void* p) noexcept {
    if (!p) return;
    g_live.fetch_sub(malloc_usable_size(p), std::memory_order_relaxed);
    std::free(p);
}
}  // namespace

namespace framer::test {
std::size_t allocations_so_far() { return g_allocations.load(std::memory_order_relaxed); }
std::size_t live_bytes() { return g_live.load(std::memory_order_relaxed); }
std::size_t peak_live_bytes() { return g_peak.load(std::memory_order_relaxed); }
void reset_peak_live_bytes() { g_peak.store(g_live.load(std::memory_order_relaxed), std::memory_order_relaxed); }
}  // namespace framer::test

void* operator new(std::size_t size) {
    g_allocations.fetch_add(1, std::memory_order_relaxed);
    if (void* p = counted(std::malloc(size ? size : 1))) return p;
    throw std::bad_alloc();
}

void* operator new[](std::size_t size) { return ::operator new(size); }

void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
    g_allocations.fetch_add(1, std::memory_order_relaxed);
    return counted(std::malloc(size ? size : 1));
}

void* operator new[](std::size_t size, const std::nothrow_t& tag) noexcept { return ::operator new(size, tag); }

void operator delete(void* p) noexcept { release(p); }
void operator delete[](void* p) noexcept { release(p); }
void operator delete(void* p, std::size_t) noexcept { release(p); }
void operator delete[](void* p, std::size_t) noexcept { release(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { release(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { release(p); }
