import {
  COMPLETENESS_FIELDS,
  type CompletenessField,
  type RegisterStats,
  type ValueCount,
} from '../storage/register-stats.js';

const FIELD_LABELS: Readonly<Record<CompletenessField, string>> = {
  givenName: 'given name',
  familyName: 'family name',
  fullBirthDate: 'full date of birth',
  gender: 'gender (known)',
  addressLine: 'address line',
  postcode: 'postcode',
  gpPractice: 'GP practice',
};

const count = (n: number): string => n.toLocaleString('en-GB');

function commonBlock(title: string, values: readonly ValueCount[], people: number): string[] {
  if (values.length === 0) {
    return [`${title}: none`];
  }
  const width = Math.max(...values.map((v) => v.value.length));
  return [
    `${title}:`,
    ...values.map((v) => {
      const share = people === 0 ? 0 : (v.count / people) * 100;
      return `  ${v.value.padEnd(width)}  ${count(v.count).padStart(9)}  ${share.toFixed(1).padStart(5)}%`;
    }),
  ];
}

/**
 * Renders register statistics as the plain-text report `register stats` prints: counts, the
 * completeness of each field, and the most common values.
 * @param stats - from `RegisterStore.stats()`
 * @returns the report, ending with a newline
 */
export function formatRegisterStats(stats: RegisterStats): string {
  const rows: [string, number][] = [
    ['people', stats.people],
    ['deceased', stats.deceased],
    ['restricted', stats.restricted],
    ['invalidated', stats.invalidated],
    ['superseded NHS Numbers', stats.supersededNumbers],
    ['historic names', stats.historicNames],
    ['historic addresses', stats.historicAddresses],
  ];
  const lines = [
    'Register',
    ...rows.map(([label, n]) => `  ${label.padEnd(24)}${count(n).padStart(12)}`),
    '',
    'Completeness (current name and address)',
    ...COMPLETENESS_FIELDS.map(
      (f) => `  ${FIELD_LABELS[f].padEnd(24)}${stats.completeness[f].toFixed(1).padStart(11)}%`,
    ),
    '',
    ...commonBlock('Most common family names', stats.common.familyName, stats.people),
    ...commonBlock('Most common given names', stats.common.givenName, stats.people),
    ...commonBlock('Most common postcodes', stats.common.postcode, stats.people),
  ];
  return `${lines.join('\n')}\n`;
}
