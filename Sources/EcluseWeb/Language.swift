import EcluseHTTP
import Foundation

/// The languages of the pages, chosen from the browser's `Accept-Language` (RFC 9110 §12.5.4).
enum Language: String, Sendable, CaseIterable {
    case en, fr

    /// The cookie that keeps the language a user chose on the page (`POST /language`).
    static let cookie = "ecluse-language"

    /// The language the user chose, else the first language of `Accept-Language`, by weight,
    /// that the pages speak; English when none is.
    static func preferred(by request: Request) -> Language {
        if let chosen = Cookies.value(cookie, in: request).flatMap(Language.init(rawValue:)) { return chosen }
        guard let header = request.headers["Accept-Language"] else { return .en }
        var ranked: [(language: Language, weight: Double, order: Int)] = []
        for (order, item) in header.split(separator: ",").enumerated() {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let range = parts.first, !range.isEmpty else { continue }
            let primary = range.split(separator: "-").first.map { $0.lowercased() } ?? ""
            guard let language = Language(rawValue: primary) else { continue }
            let weight = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            if weight > 0 { ranked.append((language, weight, order)) }
        }
        let best = ranked.min { ($0.weight, -$0.order) > ($1.weight, -$1.order) }
        return best?.language ?? .en
    }
}

/// The words of the pages in one language. Keys are the English text; a text missing from
/// the table is shown in English. Reasons from the core and descriptions from the policy are
/// shown as written (known gap, docs/known-gaps.md).
struct Strings: Sendable {
    let language: Language

    /// `text` in the page's language.
    func callAsFunction(_ text: String) -> String {
        guard language == .fr else { return text }
        return Self.french[text] ?? text
    }

    /// `text` in the page's language with `{}` replaced by `value`.
    func callAsFunction(_ text: String, _ value: String) -> String {
        self(text).replacingOccurrences(of: "{}", with: value)
    }

    private static let french: [String: String] = [
        "Log in": "Connexion",
        "This filter cannot be read.": "Ce filtre est illisible.",
        "{} subjects match: explain each by its pseudonym.":
            "{} personnes correspondent : expliquez chacune par son pseudonyme.",
        "Policy diff": "Différence de politique",
        "Back to the policy": "Retour à la politique",
        "The proposal does not load:": "La proposition ne se charge pas :",
        "What would change": "Ce qui changerait",
        "no change": "aucun changement",
        "{} copies start": "{} copies commencent",
        "{} stop": "{} s'arrêtent",
        "{} change": "{} changent",
        "fields that start leaving: {}": "champs qui commencent à sortir : {}",
        "fields that stop leaving: {}": "champs qui cessent de sortir : {}",
        "for example {}": "par exemple {}",
        "Try a change": "Essayer une modification",
        "A proposed policy (nothing is applied)": "Une politique proposée (rien n'est appliqué)",
        "Show what would change": "Montrer ce qui changerait",
        "Français": "English",
        "My agenda": "Mon agenda",
        "The next two weeks": "Les deux prochaines semaines",
        "No meeting in the next two weeks.": "Aucun rendez-vous dans les deux prochaines semaines.",
        "My calendar feed": "Mon abonnement d'agenda",
        "The policy has no calendar feed.": "La politique ne prévoit pas d'abonnement d'agenda.",
        "You have a feed address. Making a new one stops the old one.":
            "Vous avez une adresse d'abonnement. En créer une nouvelle arrête l'ancienne.",
        "You have no feed address yet.": "Vous n'avez pas encore d'adresse d'abonnement.",
        "Make a new feed address": "Créer une nouvelle adresse",
        "Revoke my feed address": "Révoquer mon adresse",
        "Subscribe your phone's calendar to this address. It is shown once: keep it to yourself.":
            "Abonnez l'agenda de votre téléphone à cette adresse. "
            + "Elle n'est affichée qu'une fois : gardez-la pour vous.",
        "QR code of the feed address": "QR code de l'adresse d'abonnement",
        "Back to my agenda": "Retour à mon agenda",
        "Ledger": "Registre",
        "Policy": "Politique",
        "Filter": "Filtrer",
        "any": "toutes",
        "Subject (pseudonym)": "Personne (pseudonyme)",
        "Verify the whole ledger": "Vérifier tout le registre",
        "No entry matches.": "Aucune entrée ne correspond.",
        "Older entries": "Entrées plus anciennes",
        "Ledger verification": "Vérification du registre",
        "Back to the ledger": "Retour au registre",
        "Intact: {} entries, head ": "Intact : {} entrées, tête ",
        "Broken at entry {}: ": "Rompu à l'entrée {} : ",
        "Broken at entry {}: it cannot be read.": "Rompu à l'entrée {} : elle est illisible.",
        "Broken: {} copies have no matching ledger entry.": "Rompu : {} copies n'ont pas d'entrée correspondante.",
        "Explain for a subject (pseudonym, CRM UID or email)":
            "Expliquer pour une personne (pseudonyme, UID du CRM ou e-mail)",
        "Explain": "Expliquer",
        "The policy file": "Le fichier de politique",
        "No subject matches.": "Aucune personne ne correspond.",
        "Collection": "Collection",
        "Decision": "Décision",
        "Subject {}": "Personne {}",
        "in, by {}": "transmise, par {}",
        "fields {}": "champs {}",
        "out: {}": "non transmise : {}",
        "details erased {} after each meeting": "détails effacés {} après chaque rendez-vous",
        "Login": "Identifiant",
        "Password": "Mot de passe",
        "Log out {}": "Déconnecter {}",
        "Contacts": "Contacts",
        "My phone": "Mon téléphone",
        "Destinations": "Destinations",
        "Main": "Principal",
        "My contacts": "Mes contacts",
        "Search by name or organisation": "Chercher par nom ou organisation",
        "Search": "Chercher",
        "No download is configured in the policy: names and organisations only.":
            "La politique ne prévoit aucun téléchargement : noms et organisations seulement.",
        "You have no contacts here.": "Vous n'avez aucun contact ici.",
        "No contact matches this search.": "Aucun contact ne correspond à cette recherche.",
        "Organisation": "Organisation",
        "Title": "Fonction",
        "Phone {}": "Téléphone {}",
        "Email {}": "E-mail {}",
        "work": "travail",
        "mobile": "mobile",
        "home": "domicile",
        "other": "autre",
        "Calls": "Appels",
        "I called": "J'ai appelé",
        "Your last noted call: {} UTC": "Votre dernier appel noté : {} UTC",
        "Add to my phone": "Ajouter à mon téléphone",
        "The policy allows no download of this contact.": "La politique ne permet pas de télécharger ce contact.",
        "What do you need it for?": "Pour quel usage ?",
        "Download the card": "Télécharger la fiche",
        "Show a QR code": "Afficher un code QR",
        "Each download is recorded.": "Chaque téléchargement est enregistré.",
        "Choose {}": "Choisir {}",
        "Add the chosen contacts to my phone, for:": "Ajouter les contacts choisis à mon téléphone, pour :",
        "Download the chosen cards": "Télécharger les fiches choisies",
        "Choose at least one contact.": "Choisissez au moins un contact.",
        "Choose at most 20 contacts at a time.": "Choisissez au plus 20 contacts à la fois.",
        "Some chosen contacts cannot be taken for this purpose.":
            "Certains contacts choisis ne peuvent pas être pris pour cet usage.",
        "Scan to add": "Scanner pour ajouter",
        "Scan this code with your phone's camera to add the contact.":
            "Scannez ce code avec l'appareil photo de votre téléphone pour ajouter le contact.",
        "QR code of the contact card": "Code QR de la fiche du contact",
        "This display is recorded as a download.": "Cet affichage est enregistré comme un téléchargement.",
        "Back to the card": "Retour à la fiche",
        "This card is too large for a QR code; download it instead.":
            "Cette fiche est trop grande pour un code QR ; téléchargez-la plutôt.",
        "Choose what you need the contact for.": "Choisissez l'usage du contact.",
        "Downloads are suspended: the attestations they need are not on file.":
            "Les téléchargements sont suspendus : les attestations requises manquent.",
        "Record your phone's security on the “My phone” page first.":
            "Déclarez d'abord la sécurité de votre téléphone sur la page « Mon téléphone ».",
        "The policy asks nothing about your phone.": "La politique ne demande rien sur votre téléphone.",
        "Your phone is recorded until {}.": "Votre téléphone est enregistré jusqu'au {}.",
        "Your phone has no current attestation.": "Votre téléphone n'a pas d'attestation en cours.",
        "My phone meets each of these conditions": "Mon téléphone remplit chacune de ces conditions",
        "Phone (model and system)": "Téléphone (modèle et système)",
        "Record": "Enregistrer",
        "Describe your phone (model and system) in at most 200 characters.":
            "Décrivez votre téléphone (modèle et système) en 200 caractères au plus.",
        "Every condition must hold before anything reaches your phone. "
            + "Tick each one, or have the phone fixed first.":
            "Chaque condition doit être remplie avant que rien n'arrive sur votre téléphone. Cochez-les toutes, "
            + "ou faites d'abord corriger le téléphone.",
        "Too many failed attempts. Try again in a few minutes.":
            "Trop d'essais manqués. Réessayez dans quelques minutes.",
        "The login or the password is wrong.": "L'identifiant ou le mot de passe est faux.",
        "This form has expired. Reload the login page and try again.":
            "Ce formulaire a expiré. Rechargez la page de connexion et réessayez.",
        "This form has expired. Go back, reload the page and try again.":
            "Ce formulaire a expiré. Revenez en arrière, rechargez la page et réessayez.",
        "Log in first.": "Connectez-vous d'abord.",
        "Your role does not give access to this page.": "Votre rôle ne donne pas accès à cette page.",
        "This page does not exist.": "Cette page n'existe pas.",
        "Not found": "Introuvable",
        "Forbidden": "Interdit",
        "Unauthorized": "Non autorisé",
        "Too Many Requests": "Trop de requêtes",
        "Unprocessable Content": "Contenu non traitable",
        "Policy version {}.": "Version de la politique {}.",
        "Destination": "Destination",
        "Attestations": "Attestations",
        "Status": "État",
        "none required": "aucune requise",
        "eligible": "éligible",
        "until {}": "jusqu'au {}",
        "none on file": "aucune au dossier",
        "Phones": "Téléphones",
        "User": "Utilisateur",
        "no current attestation": "pas d'attestation en cours",
        "attested until {}": "attesté jusqu'au {}",
        "Latest ledger entries": "Dernières entrées du registre",
        "Time (UTC)": "Heure (UTC)",
        "Action": "Action",
        "Subject": "Personne",
        "Fields": "Champs",
    ]
}
