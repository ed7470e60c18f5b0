import type { Command } from 'commander';
import { addGeneratePopulationCommand } from './generate-population.js';
import { addGenerateRequestsCommand } from './generate-requests.js';

/**
 * Registers `generate` and its subcommands: `population` (a synthetic register) and `requests`
 * (a messy trace request file drawn from it, with ground truth).
 * @param program - the root program
 */
export function registerGenerateCommand(program: Command): void {
  const generate = program
    .command('generate')
    .description('Make synthetic data: a register population, and trace requests drawn from it');
  addGeneratePopulationCommand(generate);
  addGenerateRequestsCommand(generate);
}
