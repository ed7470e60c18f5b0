import type { Origin } from './family-names.js';

/**
 * Given names, most common first within each list (weights come from rank, as for family names).
 * British names change with the times, so they are listed for three birth cohorts; the other
 * traditions have one list per sex and borrow from the British cohort lists in the share given by
 * {@link BRITISH_SHARE}. Common given names of each tradition; they describe no real person.
 */
export const BRITISH_GIVEN_NAMES = {
  male: {
    before1960: `John David Michael Peter Robert Brian Alan Anthony William James Colin Keith
      Derek Kenneth Roy George Ronald Barry Terence Raymond Dennis Graham Trevor Richard Christopher
      Stephen Malcolm Geoffrey Thomas Frederick Arthur Norman Leslie Albert Harold Ernest Donald
      Eric Gordon Roger Patrick Francis Charles Edward Walter Stanley Gerald Victor Bernard Leonard
      Frank Douglas Clive Maurice Cyril Reginald Sidney Alfred Henry`,
    from1960: `David Paul Andrew Mark John Michael Stephen Ian Robert Richard Christopher Peter
      Simon Anthony Kevin Gary Steven Martin James Neil Jason Darren Lee Craig Matthew Daniel
      Jonathan Philip Nicholas Carl Wayne Dean Stuart Shaun Adam Scott Gavin Sean Jamie Ryan Mathew
      Graham Alan Timothy Russell Jeremy Julian Colin Nigel Keith Barry Trevor Glen Karl Jon Dominic
      Marcus Toby`,
    from1990: `Jack Thomas James Joshua Daniel Harry Samuel Joseph Matthew Callum Luke William
      Oliver Lewis Ryan Benjamin George Charlie Adam Liam Jake Alexander Connor Nathan Jacob Ethan
      Alfie Dylan Kieran Jordan Max Tyler Mohammed Oscar Leo Noah Archie Freddie Henry Theo Arthur
      Jamie Owen Reece Bradley Kyle Aaron Elliot Finley Harvey Logan Mason Isaac Toby Louis Edward
      Sebastian Rory Muhammad Riley Zachary Jayden Aiden Reuben Kai`,
  },
  female: {
    before1960: `Margaret Patricia Susan Christine Mary Linda Janet Jean Elizabeth Barbara Ann
      Carol Sandra Pauline Valerie Maureen Brenda Shirley Jacqueline Joan Sheila Kathleen Dorothy
      Gillian Irene Doreen Joyce Marion Hilary Jennifer Elaine Diane Lynne Veronica Rosemary Eileen
      Audrey Betty Joyce Marjorie Hazel Sylvia Wendy Yvonne Iris Beryl Gladys Doris Edna Vera Ivy
      Ethel Florence Winifred Evelyn Anne Judith Heather`,
    from1960: `Sarah Claire Nicola Emma Lisa Joanne Michelle Helen Samantha Karen Amanda Rachel
      Louise Julie Clare Rebecca Sharon Victoria Caroline Susan Alison Catherine Elizabeth Deborah
      Donna Tracey Tracy Kelly Dawn Jane Kerry Lucy Hannah Laura Gemma Kirsty Natalie Joanna Zoe
      Jennifer Charlotte Anna Katherine Stephanie Vicky Angela Lorraine Jacqueline Maria Andrea
      Jayne Mandy Paula Katie Heidi Suzanne Anne`,
    from1990: `Emily Jessica Sophie Chloe Lauren Hannah Olivia Amy Charlotte Ellie Megan Lucy
      Emma Katie Rebecca Grace Bethany Holly Georgia Amelia Ella Isabella Mia Poppy Evie Isla Ava
      Lily Freya Daisy Ruby Millie Phoebe Alice Erin Eleanor Abigail Leah Molly Jasmine Niamh
      Caitlin Scarlett Rosie Sienna Imogen Zara Layla Matilda Florence Elsie Harriet Maisie Eva
      Aaliyah Nia Courtney Shannon Jade`,
  },
} as const;

/** Given names of the other traditions, by sex. */
export const GIVEN_NAMES = {
  scottish: {
    male: `Alistair Angus Callum Duncan Euan Fraser Gregor Hamish Iain Kenneth Lachlan Malcolm
      Murray Neil Niall Rory Ross Ruaridh Stuart Alasdair Craig Finlay Struan Calum Ewan`,
    female: `Fiona Morag Kirsty Eilidh Isla Mhairi Catriona Shona Ailsa Iona Heather Morven
      Elspeth Kirsteen Lorna Rhona Sheena Skye Innes Ishbel Jean Agnes Margaret`,
  },
  welsh: {
    male: `Rhys Dafydd Gareth Huw Owain Dylan Emyr Gethin Ieuan Iwan Llewelyn Aled Bryn Cai
      Carwyn Emlyn Geraint Gwilym Hywel Ifan Meirion Osian Rhodri Steffan Tomos Trystan`,
    female: `Rhiannon Ffion Sian Bethan Cerys Angharad Carys Catrin Eleri Elin Ffion Gwen Gwenllian
      Lowri Mared Megan Nerys Non Seren Sioned Tegan Menna Manon Nia Haf`,
  },
  irish: {
    male: `Patrick Sean Conor Ciaran Declan Brendan Liam Eoin Cormac Niall Padraig Seamus Fergal
      Kieran Colm Donal Eamon Aidan Cathal Darragh Oisin Ronan Shane Tadhg Fintan`,
    female: `Siobhan Niamh Aoife Ciara Roisin Sinead Orla Grainne Aisling Caoimhe Clodagh Deirdre
      Eimear Mairead Maeve Nuala Sorcha Una Bridget Colette Fionnuala Saoirse Ailbhe Brid Mary`,
  },
  indian: {
    male: `Rajesh Sanjay Amit Vijay Anil Sunil Ravi Deepak Harpreet Gurpreet Manjit Jaswinder
      Sukhdev Rakesh Ramesh Dinesh Suresh Mahesh Nikhil Arjun Rohan Aarav Vikram Kiran Hardeep
      Kuldip Balvinder Paramjit Jagdish Pritpal Navdeep Rishi Sachin Hitesh Nilesh Jayesh Kunal
      Manish Pravin Bhavesh`,
    female: `Priya Anita Sunita Asha Geeta Rekha Meena Kamaljit Harjinder Sukhvinder Rajinder
      Jaspreet Manpreet Parminder Kavita Pooja Neha Anjali Divya Nisha Seema Shilpa Sonia Hema
      Bhavna Hetal Jyoti Kiran Leela Mira Nita Rupa Usha Varsha Alisha Amrit Simran Ishani Riya`,
  },
  pakistani: {
    male: `Mohammed Muhammad Ahmed Ali Imran Tariq Asif Khalid Zahid Shahid Nadeem Naveed Kamran
      Adnan Bilal Usman Hamza Ibrahim Yusuf Zain Ayaan Abdul Rizwan Sajid Waqar Faisal Arif
      Aamir Haroon Junaid Omar Sohail Shabir Rashid Abdullah Rayyan Mustafa Hassan Hussain Idris`,
    female: `Fatima Ayesha Aisha Nazia Shazia Samina Rubina Nasreen Farzana Rukhsana Shabana
      Sadia Saima Amina Zainab Maryam Hafsa Khadija Sana Iqra Hina Nadia Rabia Mehreen Tahira
      Yasmin Yasmeen Safiya Humaira Asma Sumaya Halima Inaya Aleena Zara Anisa Rahima Shamima Jamila`,
  },
  polish: {
    male: `Piotr Krzysztof Andrzej Tomasz Paweł Michał Marcin Jakub Łukasz Adam Marek Grzegorz
      Mateusz Wojciech Mariusz Dariusz Zbigniew Kamil Rafał Robert Jan Szymon Bartosz Damian
      Sebastian Dawid Filip Maciej Przemysław Artur`,
    female: `Anna Maria Katarzyna Małgorzata Agnieszka Barbara Ewa Magdalena Joanna Aleksandra
      Monika Zofia Krystyna Natalia Karolina Marta Beata Dorota Justyna Paulina Alicja Weronika
      Julia Zuzanna Agata Iwona Patrycja Kinga Ewelina Izabela`,
  },
  romanian: {
    male: `Andrei Alexandru Ionuț Mihai Gabriel Florin Constantin Adrian Cristian Marius Ștefan
      Daniel Vasile Bogdan Nicolae Sorin Cătălin Ciprian Iulian Ovidiu Răzvan Vlad Radu Dorin`,
    female: `Maria Elena Ioana Andreea Mihaela Ana Alexandra Gabriela Cristina Florentina Daniela
      Georgiana Simona Roxana Larisa Alina Bianca Raluca Oana Camelia Irina Loredana Denisa Corina`,
  },
  nigerian: {
    male: `Oluwaseun Chinedu Emeka Adebayo Tunde Olumide Chukwuemeka Kwame Kofi Kwabena Ifeanyi
      Babajide Femi Segun Kayode Oluwadamilare Obinna Nnamdi Uchenna Yaw Kwasi Ayodeji Tobi
      Damilola Temitope Kelechi Chidi Ebuka Olamide Gbenga`,
    female: `Oluwakemi Chiamaka Ngozi Adaeze Funmilayo Folake Abimbola Yetunde Chidinma Ama Akosua
      Abena Efua Nneka Ifeoma Temitope Damilola Bukola Titilayo Omolara Blessing Precious Favour
      Comfort Adwoa Esi Oluwatoyin Chioma Kehinde Taiwo`,
  },
  caribbean: {
    male: `Delroy Winston Errol Leroy Lloyd Clinton Desmond Everton Lennox Marlon Neville Rupert
      Trevor Wesley Carlton Courtney Devon Junior Kareem Tyrone Jermaine Andre Dwayne Kemar Shane`,
    female: `Marcia Beverley Hyacinth Claudette Sonia Maxine Paulette Jennifer Yvonne Lorna
      Janice Merlene Pearl Sharon Shanice Tanisha Keisha Natasha Monique Chantelle Aaliyah Tia
      Kayla Shereen Simone`,
  },
  chinese: {
    male: `Wei Jun Hao Ming Jian Lei Yong Jie Tao Peng Bo Feng Kai Chen Long Yi Zhi Hong Kin Wing
      Ka Chun Man Kwok Siu`,
    female: `Mei Li Xin Yan Jing Hui Ying Fang Lan Xiao Na Lin Min Yu Qing Ling Wai Yee Shan Ka
      Man Ching Sze Pui Lok`,
  },
} as const satisfies Record<Exclude<Origin, 'english'>, { male: string; female: string }>;

/**
 * Share of given names drawn from the British cohort lists instead of the tradition's own list
 * (English-origin people use the British lists only).
 */
export const BRITISH_SHARE: Readonly<Record<Origin, number>> = {
  english: 1,
  scottish: 0.6,
  welsh: 0.55,
  irish: 0.55,
  indian: 0.12,
  pakistani: 0.05,
  polish: 0.15,
  romanian: 0.1,
  nigerian: 0.35,
  caribbean: 0.6,
  chinese: 0.45,
};
