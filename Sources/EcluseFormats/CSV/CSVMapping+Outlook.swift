import EcluseCore

/// The columns of Outlook's "Export to a file > Comma Separated Values", in English and French.
///
/// Header texts are those Outlook for Windows writes; only the columns Ecluse models are
/// listed, the others reach `extras`. Outlook's `Title` is the courtesy title; the job is
/// `Job Title` (in French, the first `Titre` and the second).
extension CSVMapping {
    public static let outlookEnglish = CSVMapping(columns: [
        "Title": .namePrefix, "First Name": .givenName, "Middle Name": .additionalName,
        "Last Name": .familyName, "Suffix": .nameSuffix, "Company": .organisation,
        "Department": .department, "Job Title": .title,
        "Business Street": .address([.work], .street), "Business Street 2": .address([.work], .street),
        "Business Street 3": .address([.work], .street), "Business City": .address([.work], .city),
        "Business State": .address([.work], .region),
        "Business Postal Code": .address([.work], .postalCode),
        "Business Country/Region": .address([.work], .country),
        "Home Street": .address([.home], .street), "Home Street 2": .address([.home], .street),
        "Home Street 3": .address([.home], .street), "Home City": .address([.home], .city),
        "Home State": .address([.home], .region), "Home Postal Code": .address([.home], .postalCode),
        "Home Country/Region": .address([.home], .country),
        "Other Street": .address([.other], .street), "Other City": .address([.other], .city),
        "Other State": .address([.other], .region), "Other Postal Code": .address([.other], .postalCode),
        "Other Country/Region": .address([.other], .country),
        "Business Fax": .phone([.work, .fax]), "Business Phone": .phone([.work]),
        "Business Phone 2": .phone([.work]), "Company Main Phone": .phone([.work]),
        "Home Fax": .phone([.home, .fax]), "Home Phone": .phone([.home]),
        "Home Phone 2": .phone([.home]), "Mobile Phone": .phone([.mobile]),
        "Other Phone": .phone([.other]), "Pager": .phone([.pager]),
        "E-mail Address": .email([]), "E-mail 2 Address": .email([]), "E-mail 3 Address": .email([]),
        "Birthday": .birthday, "Categories": .tags, "Notes": .note, "Web Page": .url,
    ])

    /// French Outlook; also the plain French column names spreadsheets use (`Courriel`, `Portable`).
    public static let outlookFrench = CSVMapping(columns: [
        "Titre": .namePrefix, "Prénom": .givenName, "Deuxième prénom": .additionalName,
        "Nom": .familyName, "Suffixe": .nameSuffix, "Société": .organisation,
        "Service": .department, "Titre": .title, "Fonction": .title,
        "Rue (bureau)": .address([.work], .street), "Rue (bureau) 2": .address([.work], .street),
        "Rue (bureau) 3": .address([.work], .street), "Ville (bureau)": .address([.work], .city),
        "Dép/Région (bureau)": .address([.work], .region),
        "Code postal (bureau)": .address([.work], .postalCode),
        "Pays/Région (bureau)": .address([.work], .country),
        "Rue (domicile)": .address([.home], .street), "Rue (domicile) 2": .address([.home], .street),
        "Rue (domicile) 3": .address([.home], .street), "Ville (domicile)": .address([.home], .city),
        "Dép/Région (domicile)": .address([.home], .region),
        "Code postal (domicile)": .address([.home], .postalCode),
        "Pays/Région (domicile)": .address([.home], .country),
        "Télécopie (bureau)": .phone([.work, .fax]), "Téléphone (bureau)": .phone([.work]),
        "Téléphone 2 (bureau)": .phone([.work]), "Téléphone société": .phone([.work]),
        "Télécopie (domicile)": .phone([.home, .fax]), "Téléphone (domicile)": .phone([.home]),
        "Téléphone 2 (domicile)": .phone([.home]), "Tél. mobile": .phone([.mobile]),
        "Téléphone (autre)": .phone([.other]), "Récepteur de radiomessagerie": .phone([.pager]),
        "Adresse de messagerie": .email([]), "Adresse de messagerie 2": .email([]),
        "Adresse de messagerie 3": .email([]), "Adresse de courrier": .email([]),
        "Adresse de courrier 2": .email([]), "Adresse de courrier 3": .email([]),
        "Anniversaire": .birthday, "Catégories": .tags, "Notes": .note, "Page Web": .url,
        "Courriel": .email([]), "E-mail": .email([]), "Téléphone": .phone([]),
        "Portable": .phone([.mobile]),
    ])
}
