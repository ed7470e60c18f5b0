import { registerStoreContract } from '../register-store.contract.js';
import { MemoryRegisterStore } from './memory-register-store.js';

registerStoreContract('memory', { create: () => Promise.resolve(new MemoryRegisterStore()) });
