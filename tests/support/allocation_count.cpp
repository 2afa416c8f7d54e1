// Replacement global operator new/delete for the test binary that count allocations (allocation_count.hpp).
// Every form that frees with operator delete(void*) is replaced, the nothrow ones included: under AddressSanitizer,
// whose runtime defines each form itself, a form left out would allocate through ASan and be freed here, which ASan
// reports as a mismatch (std::stable_sort's nothrow temporary buffer did). Aligned forms are left to the library or
// the sanitizer, which pairs them with its own aligned delete.
#include "support/allocation_count.hpp"

#include <atomic>
#include <cstdlib>
#include <new>

namespace {
std::atomic<std::size_t> g_allocations{0};
}

namespace framer::test {
std::size_t allocations_so_far() { return g_allocations.load(std::memory_order_relaxed); }
}  // namespace framer::test

void* operator new(std::size_t size) {
    g_allocations.fetch_add(1, std::memory_order_relaxed);
    if (void* p = std::malloc(size ? size : 1)) return p;
    throw std::bad_alloc();
}

void* operator new[](std::size_t size) { return ::operator new(size); }

void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
    g_allocations.fetch_add(1, std::memory_order_relaxed);
    return std::malloc(size ? size : 1);
}

void* operator new[](std::size_t size, const std::nothrow_t& tag) noexcept { return ::operator new(size, tag); }

void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
