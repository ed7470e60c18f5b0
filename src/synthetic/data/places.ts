/**
 * The synthetic geography's seed data: real English post towns with their real postcode area
 * letters, county and a population weight (thousands, rounded), plus street and locality words.
 * Postcodes made from them are valid in format (BS 7666) but are not checked against the real
 * postcode file: districts, sectors and units are made up.
 * `region` is the letter synthetic GP practice ODS codes in that town start with.
 */
export interface TownSeed {
  readonly postTown: string;
  readonly area: string;
  /** Address line 5; empty for London, where the county is not written. */
  readonly county: string;
  readonly weight: number;
  readonly region: string;
}

const rows = `
London|E||900|F
London|N||800|F
London|NW||700|F
London|SE||1000|F
London|SW||900|F
London|W||600|F
Croydon|CR|Surrey|400|F
Bromley|BR|Kent|330|F
Ilford|IG|Essex|400|F
Romford|RM|Essex|500|F
Harrow|HA|Middlesex|450|F
Enfield|EN|Middlesex|350|F
Kingston upon Thames|KT|Surrey|500|F
Twickenham|TW|Middlesex|450|F
Uxbridge|UB|Middlesex|400|F
Sutton|SM|Surrey|200|F
Birmingham|B|West Midlands|1500|M
Coventry|CV|West Midlands|500|M
Wolverhampton|WV|West Midlands|450|M
Walsall|WS|West Midlands|400|M
Dudley|DY|West Midlands|400|M
Stoke-on-Trent|ST|Staffordshire|700|M
Telford|TF|Shropshire|250|M
Worcester|WR|Worcestershire|350|M
Hereford|HR|Herefordshire|180|M
Manchester|M|Greater Manchester|1400|P
Oldham|OL|Greater Manchester|450|P
Bolton|BL|Greater Manchester|400|P
Wigan|WN|Greater Manchester|350|P
Stockport|SK|Cheshire|500|P
Warrington|WA|Cheshire|600|P
Preston|PR|Lancashire|450|P
Blackburn|BB|Lancashire|500|P
Lancaster|LA|Lancashire|320|P
Blackpool|FY|Lancashire|300|P
Liverpool|L|Merseyside|1100|N
Chester|CH|Cheshire|600|N
Crewe|CW|Cheshire|380|N
Carlisle|CA|Cumbria|330|A
Leeds|LS|West Yorkshire|900|B
Bradford|BD|West Yorkshire|700|B
Huddersfield|HD|West Yorkshire|400|B
Halifax|HX|West Yorkshire|200|B
Wakefield|WF|West Yorkshire|600|B
Sheffield|S|South Yorkshire|1200|C
Doncaster|DN|South Yorkshire|900|C
Hull|HU|East Yorkshire|550|B
York|YO|North Yorkshire|550|B
Harrogate|HG|North Yorkshire|160|B
Newcastle upon Tyne|NE|Tyne and Wear|1500|A
Sunderland|SR|Tyne and Wear|300|A
Durham|DH|County Durham|400|A
Darlington|DL|County Durham|400|A
Middlesbrough|TS|Cleveland|700|A
Nottingham|NG|Nottinghamshire|1100|C
Derby|DE|Derbyshire|900|C
Leicester|LE|Leicestershire|1000|C
Lincoln|LN|Lincolnshire|300|C
Northampton|NN|Northamptonshire|800|K
Norwich|NR|Norfolk|750|D
Ipswich|IP|Suffolk|650|D
Cambridge|CB|Cambridgeshire|450|D
Peterborough|PE|Cambridgeshire|900|D
Colchester|CO|Essex|450|F
Chelmsford|CM|Essex|700|F
Southend-on-Sea|SS|Essex|650|F
Luton|LU|Bedfordshire|350|E
Milton Keynes|MK|Buckinghamshire|600|K
St Albans|AL|Hertfordshire|300|E
Stevenage|SG|Hertfordshire|550|E
Brighton|BN|East Sussex|900|G
Redhill|RH|Surrey|650|H
Guildford|GU|Surrey|800|H
Reading|RG|Berkshire|900|K
Slough|SL|Berkshire|500|K
Oxford|OX|Oxfordshire|650|K
Southampton|SO|Hampshire|750|J
Portsmouth|PO|Hampshire|900|J
Canterbury|CT|Kent|450|G
Maidstone|ME|Kent|700|G
Tonbridge|TN|Kent|700|G
Bristol|BS|Avon|1100|L
Bath|BA|Somerset|450|L
Exeter|EX|Devon|600|L
Plymouth|PL|Devon|550|L
Truro|TR|Cornwall|250|L
Taunton|TA|Somerset|400|L
Gloucester|GL|Gloucestershire|700|L
Swindon|SN|Wiltshire|700|J
Bournemouth|BH|Dorset|750|J
Salisbury|SP|Wiltshire|250|J
Torquay|TQ|Devon|300|L
Dorchester|DT|Dorset|200|J`;

/** The towns, in a fixed order. */
export const TOWNS: readonly TownSeed[] = rows
  .trim()
  .split('\n')
  .map((row) => {
    const [postTown = '', area = '', county = '', weight = '0', region = 'Y'] = row.split('|');
    return { postTown, area, county, weight: Number(weight), region };
  });

/** Street name stems; a street is a stem and a suffix, fixed per postcode unit. */
export const STREET_STEMS = `Church Mill Station High Park Victoria Queen's King's Albert
  Manor Green Springfield Chapel School Grange Windsor Orchard Meadow York Richmond Stanley
  Alexandra Beech Oak Elm Ash Willow Cedar Chestnut Sycamore Holly Rowan Hawthorn Laburnum
  Westfield Northfield Southfield Broad Long New Old North South West East Mount Hill Brook
  River Bridge Market Castle Abbey Priory Kingsway Highfield Woodland Fairfield Moor Heath
  Common Cross Nelson Wellington Cromwell Marlborough Devonshire Cavendish Grosvenor Clarence
  Regent Princess Hamilton Salisbury Lancaster Beaumont Clifton Tennyson Milton Shakespeare
  Wordsworth Byron Keats Darwin Newton Jubilee Coronation Carlton Belmont Ashfield Greenway`;

/** Street suffixes, most common first. */
export const STREET_SUFFIXES = `Road Street Lane Avenue Close Drive Way Crescent Gardens Grove
  Place Terrace Court View Rise Walk Mews Hill`;

/** Words for synthetic locality (suburb) names: a stem and an ending. */
export const LOCALITY_STEMS = `North West East South Upper Lower Little Great Kings Queens Ash
  Oak Elm Thorn Brook Mill Stone Fern Holly Hazel Marsh Wood High Nether Church Bar Hare Raven
  Whit Wick Brad Ard Hol Cran Sand`;

/** Locality endings. */
export const LOCALITY_ENDINGS = `field ton ley wood bury ford bridge dale worth stead thorpe by
  ham wick gate moor side hurst combe lands`;

/** Names for blocks of flats (address line 1 is `Flat n`, line 2 the block and street). */
export const BLOCK_NAMES = `Victoria Albert Jubilee Windsor Fairview Parkside Riverside Oakwood
  Elmwood Beechwood Kingsley Meadow Grange Highview Linden Mulberry Wellington Cavendish`;
