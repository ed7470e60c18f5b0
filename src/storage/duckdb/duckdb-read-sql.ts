import type { RegisterPerson } from '../../core/person.js';

/**
 * SQL that rebuilds stored people as `RegisterPerson` JSON documents, one per row, ordered by
 * NHS Number: names, addresses and superseded numbers are aggregated back in list order.
 * `invalidated` is written only when true (NULL otherwise, dropped by {@link personFromJson}).
 * @param where - a condition on `nhs_number` applied to every table (`TRUE` for all)
 * @param withNumber - also select the NHS Number as a column `nhs_number`, ahead of `doc`, for a
 *   caller that keeps the rows and must read them back in order
 */
export function personJsonSql(where: string, withNumber = false): string {
  return `SELECT ${withNumber ? 'p.nhs_number, ' : ''}to_json({
      'nhsNumber': p.nhs_number,
      'verificationStatus': p.verification_status,
      'names': coalesce(n.names, []),
      'gender': p.gender,
      'birthDate': p.birth_date,
      'deceasedDateTime': p.deceased_date_time,
      'addresses': coalesce(a.addresses, []),
      'gpOdsCode': p.gp_ods_code,
      'restricted': p.restricted,
      'invalidated': CASE WHEN p.invalidated THEN true END,
      'supersededNhsNumbers': coalesce(s.numbers, [])
    })::VARCHAR AS doc
    FROM (SELECT * FROM person WHERE ${where}) p
    LEFT JOIN (
      SELECT nhs_number, list({'use': "use", 'given': given, 'family': family, 'prefix': prefix,
                               'period': period} ORDER BY ord) AS names
      FROM person_name WHERE ${where} GROUP BY nhs_number) n USING (nhs_number)
    LEFT JOIN (
      SELECT nhs_number, list({'use': "use", 'lines': lines, 'postalCode': postal_code,
                               'period': period} ORDER BY ord) AS addresses
      FROM person_address WHERE ${where} GROUP BY nhs_number) a USING (nhs_number)
    LEFT JOIN (
      SELECT nhs_number, list(old_nhs_number ORDER BY ord, old_nhs_number) AS numbers
      FROM superseded_number WHERE ${where} GROUP BY nhs_number) s USING (nhs_number)
    ORDER BY p.nhs_number`;
}

/**
 * Removes `null` members from objects, recursively (the store's NULL is the model's "absent").
 * Works in place on a freshly parsed document: no copy of each object is made.
 */
function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) {
    for (const item of value) {
      dropNulls(item);
    }
  } else if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    for (const key of Object.keys(object)) {
      const member = object[key];
      if (member === null) {
        // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- keys of parsed JSON
        delete object[key];
      } else {
        dropNulls(member);
      }
    }
  }
  return value;
}

/**
 * Reads one document of {@link personJsonSql} back into a register person. The store only
 * ever holds people that were valid when imported, so no validation is repeated here.
 * @param doc - the JSON text
 */
export function personFromJson(doc: string): RegisterPerson {
  return dropNulls(JSON.parse(doc)) as RegisterPerson;
}
