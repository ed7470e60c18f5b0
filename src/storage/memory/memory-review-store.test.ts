import { reviewStoreContract } from '../review-store.contract.js';
import { MemoryReviewStore } from './memory-review-store.js';

reviewStoreContract('memory', { create: () => Promise.resolve(new MemoryReviewStore()) });
