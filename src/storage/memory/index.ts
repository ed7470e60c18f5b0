/** The in-memory register adapter: the reference implementation and the fake for tests. */
export { MemoryRegisterStore } from './memory-register-store.js';
export { MemoryReviewStore } from './memory-review-store.js';
