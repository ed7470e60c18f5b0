/**
 * Family names by origin, most common first. Weights are not stored: the generator gives the
 * name at rank r (from 1) the Zipf-Mandelbrot weight 1 / (r + 20) within its list (see
 * `ZIPF` in population/weighted.ts and docs/synthetic-population.md). The lists are common surnames of each naming tradition as seen
 * in England, compiled from public-domain frequency knowledge; they describe no real person.
 * Double-barrelled names and the feminine forms of Polish -ski/-cki names are made by the
 * generator, not listed.
 */
export const FAMILY_NAMES = {
  english: `Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson Evans
    Walker White Roberts Green Hall Wood Jackson Clarke Patel Harris Lewis Martin Cooper Ward Turner
    Hill King Morris Clark Baker Harrison Morgan Moore Allen Edwards Hughes Mitchell Lee Parker Scott
    Young Bennett Carter Phillips Watson Shaw Cook Richardson Bailey Collins Bell Cox Marshall
    Chapman Adams Webb Simpson Rogers Ellis Mason Harvey Price Hunt Holmes Lloyd Stevens Gray Palmer
    Atkinson Barker Wells Dixon Pearson Burton Mills Fisher Murphy Russell Butler Foster Barnes
    Richards Holland Stewart Cole Knight Hudson Andrews Jenkins Graham Saunders Kelly Fox Bradley
    Lawrence Dean Cooke Begum Spencer Matthews Hunter Hussain Stone Payne Gibson Ali Khan Owen Pratt
    Berry Rose Chambers Lane Armstrong Davis Dawson Wallace Fletcher Lambert Porter Gardner
    Nicholson Howard Reynolds Ryan Harding Newman Bishop Reid Griffiths Riley Perkins Sutton Grant
    Hart Elliott Walsh Kennedy Burns Pearce Day Lowe Byrne Barrett Hayes Hopkins Powell Sharp
    Francis Hamilton Gregory Holt Tucker Parsons Cunningham Burgess Knowles Whitehead Franklin
    Bird Brooks Dunn Hayward Garner Miles Cartwright Ball Lord Mann Booth Chandler Fowler Weston
    Rowe Curtis Stephens Woods Hammond Bolton Fuller Kemp Barber Jennings Slater Norris Gill
    Poole Carr Hawkins Frost Sanders Wheeler Wilkinson Burke Parkinson Pope Randall Ford Coleman
    Horton Kirby Skinner Yates Blackburn Swift Glover Moss Goodwin Whittaker Henderson Dennis Duncan
    Hewitt Sykes Barlow Farrell Lees Tomlinson Nash Woodward Bull Potter Hancock Ashton Fraser
    Rhodes Sheppard Buckley Kay Bartlett Haynes Field Reeves Cross Houghton Thornton Dobson
    Middleton Webster Howe Hartley Warren Nelson Lamb Oliver Austin Bates Lucas Dyer Sims Walters
    Jarvis Stanley Pickering Brennan Holden Gilbert Tate Emery Briggs Firth Hobbs Dale Bray
    Lyons Cole Stevenson Leach Kerr Townsend Humphreys Mellor Sharpe Waters Naylor Goddard Haigh
    Winter Summers Greenwood Hirst Rushton Ogden Crossley Pollard Lister Smythe Smyth Thomson`,
  scottish: `Campbell Stewart Robertson MacDonald Anderson Scott Murray Reid Clark Ross Paterson
    Mitchell Fraser Morrison Hamilton Graham Johnston Kerr Ferguson Cameron Hunter Grant Duncan
    Gordon Mackenzie Wallace Kennedy Gibson Millar Black Sutherland Craig Watt Munro Mackay Baird
    Allan Wright Mackintosh Russell Burns Buchanan Macleod McLean McKenzie McGregor Docherty
    Donaldson Forbes Lindsay Macpherson Crawford Sinclair Boyle Dunlop Drummond Ritchie Laing
    Galbraith Kirkpatrick Lockhart McAllister Ogilvie Rennie Mair`,
  welsh: `Jones Williams Davies Evans Thomas Roberts Lewis Hughes Morgan Griffiths Edwards Owen
    Price Jenkins Rees Lloyd Powell Phillips Parry Pritchard Morris James Bowen Vaughan Howells
    Pugh Probert Meredith Prosser Gwynne Llewellyn Bevan Prydderch Watkins Rowlands Ellis
    Humphreys Cadwaladr Gittins Pryce Lloyd-Jones`,
  irish: `Murphy Kelly O'Sullivan Walsh Smith O'Brien Byrne Ryan O'Connor O'Neill O'Reilly Doyle
    McCarthy Gallagher O'Doherty Kennedy Lynch Murray Quinn Moore McLoughlin O'Carroll Connolly
    Daly O'Connell Wilson Dunne Brennan Burke Collins Campbell Clarke Johnston Hughes O'Farrell
    Fitzgerald Brown Martin Maguire Nolan Flynn Thompson O'Callaghan O'Donnell Duffy Mahony
    Boyle Healy O'Shea White Sweeney Hayes Kavanagh Power McGrath Moran Brady Stewart Casey
    Foley Fitzpatrick Leary McDonnell MacMahon Donnelly Regan Donovan Cullen Sheridan Keane`,
  indian: `Patel Singh Kaur Shah Sharma Kumar Gill Mistry Parmar Sandhu Chauhan Sidhu Mehta Joshi
    Gupta Dhillon Bains Grewal Thind Sohal Johal Rai Desai Modi Bhatt Chopra Kapoor Malhotra
    Verma Anand Banerjee Chatterjee Das Ghosh Iyer Nair Pillai Reddy Rao Menon Thakkar Lad
    Solanki Makwana Vaghela Jadeja Pandya Trivedi Vyas Amin`,
  pakistani: `Khan Hussain Ali Ahmed Begum Akhtar Bibi Rahman Mahmood Iqbal Shah Malik Hussein
    Miah Uddin Islam Aslam Rashid Yousaf Javed Anwar Butt Chaudhry Qureshi Raza Riaz Sadiq Saleem
    Shafiq Siddique Tariq Zaman Hassan Mohammed Bashir Ahmad Choudhury Karim Haque Hoque Sheikh
    Mirza Nawaz Rehman Sarwar Arshad Farooq Haider Kauser Parveen`,
  polish: `Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński
    Lewandowski Zieliński Szymański Woźniak Dąbrowski
    Kozłowski Jankowski Mazur Kwiatkowski Krawczyk Piotrowski Grabowski
    Nowakowski Pawłowski Michalski Nowicki Adamczyk Dudek Zając Wieczorek Jabłoński Król Majewski
    Olszewski Jaworski Wróbel Malinowski Pawlak Witkowski Walczak Stępień Górski Rutkowski
    Michalak Sikora Ostrowski Baran Duda Szewczyk Tomaszewski Pietrzak Marciniak`,
  romanian: `Popescu Popa Pop Radu Dumitru Stan Stoica Gheorghe Matei Ciobanu Ionescu Rusu
    Munteanu Constantin Mihai Marin Lazăr Florea Dinu Ene Tudor Ilie Moldovan Barbu Nistor
    Cristea Toma Sandu Oprea Dobre Vasile Anghel Diaconu Preda Georgescu`,
  nigerian: `Adeyemi Okafor Okonkwo Adebayo Ogunleye Olawale Nwosu Eze Ibrahim Mensah Owusu
    Boateng Asante Osei Adeleke Bello Chukwu Obi Okeke Onyeka Nwachukwu Adewale Afolabi Akinola
    Balogun Oyelaran Oladipo Ogunbiyi Olatunji Babatunde Oyewole Igwe Nnamdi Uche Amadi
    Ezeji Ogbonna Okoro Abiodun Adeniyi Ayodele Bankole Fashola Idowu Oduya Sowemimo Agyeman
    Appiah Darko Annan Quaye Addo Ofori`,
  caribbean: `Campbell Brown Williams Smith Johnson Clarke Thomas Robinson Francis Edwards
    Lewis Wright Morgan Grant Reid Gordon Henry Simpson Bailey Richards Samuels Thompson Walker
    Stewart Barrett Powell Forbes McKenzie Spencer Graham Gayle Bennett Blake Dacosta Daley
    Ferguson Hylton Nembhard Rattray`,
  chinese: `Chen Wang Li Zhang Liu Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Luo
    Gao Zheng Liang Xie Tang Song Han Feng Deng Cao Peng Chan Wong Cheung Lam Leung Ho Ng Yip
    Tsang Lau Chow Fung Kwok Tam Yeung`,
} as const;

/** A naming tradition the generator draws names from. */
export type Origin = keyof typeof FAMILY_NAMES;
