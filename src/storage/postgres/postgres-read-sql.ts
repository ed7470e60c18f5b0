/**
 * SQL that rebuilds stored people as `RegisterPerson` JSON documents, one per row, ordered by
 * NHS Number: names, addresses and superseded numbers are aggregated back in list order, and
 * `json_strip_nulls` turns the store's NULLs into absent fields (the model's "not given").
 * The driver parses the `json` column, so each row's `doc` arrives as an object.
 * @param where - a condition on `nhs_number` applied to every table (`TRUE` for all)
 */
export function personJsonSql(where: string): string {
  return `SELECT json_strip_nulls(json_build_object(
      'nhsNumber', p.nhs_number,
      'verificationStatus', p.verification_status,
      'names', coalesce(n.names, '[]'::json),
      'gender', p.gender,
      'birthDate', p.birth_date,
      'deceasedDateTime', p.deceased_date_time,
      'addresses', coalesce(a.addresses, '[]'::json),
      'gpOdsCode', p.gp_ods_code,
      'restricted', p.restricted,
      'invalidated', CASE WHEN p.invalidated THEN true END,
      'supersededNhsNumbers', coalesce(s.numbers, '[]'::json)
    )) AS doc
    FROM (SELECT * FROM person WHERE ${where}) p
    LEFT JOIN (
      SELECT nhs_number, json_agg(json_build_object('use', "use", 'given', given,
               'family', family, 'prefix', prefix, 'period', period) ORDER BY ord) AS names
      FROM person_name WHERE ${where} GROUP BY nhs_number) n USING (nhs_number)
    LEFT JOIN (
      SELECT nhs_number, json_agg(json_build_object('use', "use", 'lines', lines,
               'postalCode', postal_code, 'period', period) ORDER BY ord) AS addresses
      FROM person_address WHERE ${where} GROUP BY nhs_number) a USING (nhs_number)
    LEFT JOIN (
      SELECT nhs_number, json_agg(old_nhs_number ORDER BY ord, old_nhs_number) AS numbers
      FROM superseded_number WHERE ${where} GROUP BY nhs_number) s USING (nhs_number)
    ORDER BY p.nhs_number`;
}

/** One person by a current or superseded number (`$1`). */
export const GET_ONE_SQL = personJsonSql(`nhs_number = coalesce(
  (SELECT nhs_number FROM superseded_number WHERE old_nhs_number = $1::text), $1::text)`);

/** Every current person, for a server-side cursor. */
export const EXPORT_ALL_SQL = personJsonSql('TRUE');
