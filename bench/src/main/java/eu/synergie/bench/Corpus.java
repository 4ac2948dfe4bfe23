package eu.synergie.bench;

import eu.synergie.core.notice.NoticeType;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The words synthetic notices are made of, per language: a title per notice type, summary sentences,
 * places, and the word that introduces a reference. Written as analysts of each country write, with
 * their accents, ligatures and scripts, so that indexing and folding see what real feeds carry.
 * Placeholders: {@code {city}}, {@code {city2}}, {@code {port}}, {@code {org}}, {@code {n}}.
 */
final class Corpus {

    /** One language's material. */
    record Language(String code, Map<NoticeType, String> titles, List<String> sentences, List<String> cities,
                    List<String> ports, String reference) {
    }

    private Corpus() {
    }

    static final Language FRENCH = new Language("fr", titles(
            "Individu recherché pour vol à main armée commis à {city}",
            "Disparition inquiétante d'une mineure à {city}",
            "Vol en série de véhicules de luxe et de bateaux de plaisance à {port}",
            "Blanchiment par sociétés écrans dans le BTP à {city}",
            "Saisie d'avoirs criminels : biens immobiliers acquis à {city} par {org}",
            "Exploitation sexuelle de jeunes femmes recrutées en ligne à {city}",
            "Filière de passeurs entre {city} et {city2}",
            "Importation de cocaïne par conteneurs au port de {port}",
            "Rançongiciel visant des hôpitaux de la région de {city}",
            "Corruption d'agents portuaires à {port} au profit de {org}",
            "Nouveau mode opératoire : faux conseillers bancaires à {city}"),
            List.of("Réseau structuré disposant de relais logistiques à {city2}.",
                    "Les fonds sont rapatriés par des collecteurs vers {city2} puis retirés en espèces.",
                    "Les suspects utilisent des téléphones cryptés et changent de ligne chaque semaine.",
                    "Sociétés éphémères émettant de fausses factures ; {n} virements fractionnés identifiés.",
                    "La marchandise est dissimulée dans des conteneurs de bananes arrivant à {port}.",
                    "Un véhicule volé a été repéré à la frontière ; l'enquête se poursuit à {city}.",
                    "Victimes hébergées dans des appartements loués à la nuitée près de la gare de {city}.",
                    "Le groupe recrute des « mules » sur les réseaux sociaux contre rémunération.",
                    "Coopération souhaitée avec les services de {city2} : élément à vérifier en priorité.",
                    "Renseignement de source humaine recoupé par des écoutes judiciaires."),
            List.of("Marseille", "Lyon", "Lille", "Paris", "Bordeaux", "Nice", "Toulouse", "Saint-Étienne", "Besançon"),
            List.of("Le Havre", "Marseille-Fos", "Dunkerque", "Saint-Nazaire"), "Réf.");

    static final Language SPANISH = new Language("es", titles(
            "Se busca a individuo por atraco a mano armada en {city}",
            "Desaparición de un menor en {city}: posible salida hacia {city2}",
            "Robo de embarcaciones de recreo en el puerto de {port}",
            "Blanqueo de capitales mediante sociedades pantalla en {city}",
            "Localización de bienes inmuebles de {org} en la Costa del Sol",
            "Trata de seres humanos con fines de explotación laboral en {city}",
            "Red de tráfico de migrantes en pateras entre {city} y {city2}",
            "Alijo de hachís en lanchas rápidas frente a {port}",
            "Estafa del «hijo en apuros» por mensajería instantánea desde {city}",
            "Soborno a funcionarios aduaneros del puerto de {port} por {org}",
            "Nuevo modus operandi: narcolanchas abastecidas con petaqueo en {port}"),
            List.of("La organización dispone de naves industriales en las afueras de {city2}.",
                    "Se han detectado {n} transferencias a cuentas de terceros en menos de una semana.",
                    "Los detenidos usaban teléfonos encriptados y vehículos de alquiler con placas dobladas.",
                    "El dinero se envía a {city2} a través de un sistema de compensación informal.",
                    "La mercancía llega oculta en contenedores de fruta al puerto de {port}.",
                    "Se solicita cooperación urgente con la policía de {city2}.",
                    "Las víctimas eran captadas con falsas ofertas de empleo en la hostelería.",
                    "Información contrastada con vigilancias y seguimientos en {city}."),
            List.of("Algeciras", "Valencia", "Barcelona", "Madrid", "Málaga", "Almería", "Sevilla", "A Coruña", "Cádiz"),
            List.of("Algeciras", "Valencia", "Barcelona", "Huelva"), "Ref.");

    static final Language GERMAN = new Language("de", titles(
            "Fahndung nach Tatverdächtigem wegen schweren Raubes in {city}",
            "Vermisstes Mädchen aus {city}: möglicher Aufenthalt in {city2}",
            "Diebstahl hochwertiger Baumaschinen im Raum {city}",
            "Geldwäsche über Scheinfirmen im Gebrauchtwagenhandel in {city}",
            "Vermögensabschöpfung: Immobilien der {org} in {city}",
            "Menschenhandel zum Zweck der sexuellen Ausbeutung in {city}",
            "Schleusung über die Balkanroute nach {city}",
            "Kokainschmuggel in Bananenkisten über den Hafen {port}",
            "Ransomware-Angriff auf kommunale Verwaltung in {city}",
            "Bestechung von Hafenbediensteten in {port} durch die {org}",
            "Neuer Modus Operandi: Schockanrufe falscher Polizeibeamter aus {city}"),
            List.of("Die Gruppierung verfügt über Logistik in {city2} und wechselt häufig die Fahrzeuge.",
                    "Es wurden {n} Überweisungen an Strohmänner festgestellt; Bargeldabhebungen in {city2}.",
                    "Die Beschuldigten kommunizieren über verschlüsselte Messenger-Dienste.",
                    "Die Ware wird in Containern über {port} eingeführt und in Lagerhallen umgeschlagen.",
                    "Um Rückmeldung zu Treffern in eigenen Beständen wird gebeten.",
                    "Erkenntnisse aus Telekommunikationsüberwachung und Observation in {city}.",
                    "Geschädigt sind überwiegend ältere Menschen; Schaden bislang über {n}.000 Euro."),
            List.of("Hamburg", "Frankfurt am Main", "München", "Köln", "Berlin", "Düsseldorf", "Nürnberg", "Görlitz"),
            List.of("Hamburg", "Bremerhaven", "Wilhelmshaven"), "Az.");

    static final Language DUTCH = new Language("nl", titles(
            "Gezocht voor gewapende overval op juwelier in {city}",
            "Vermissing van een minderjarige uit {city}",
            "Diefstal van landbouwvoertuigen in de regio {city}",
            "Witwassen via wisselkantoren en vastgoed in {city}",
            "Opsporing van vermogen van {org} in {city}",
            "Mensenhandel en uitbuiting in de schoonmaaksector in {city}",
            "Mensensmokkel via vrachtwagens naar {port}",
            "Cocaïnesmokkel via containers in de haven van {port}",
            "Phishingcampagne tegen bankklanten vanuit {city}",
            "Omkoping van havenmedewerkers in {port} door {org}",
            "Nieuwe modus operandi: uithalers in de haven van {port}"),
            List.of("De groep beschikt over loodsen in {city2} en gebruikt gehuurde bestelwagens.",
                    "Er werden {n} contante stortingen vastgesteld op rekeningen van katvangers.",
                    "De verdachten communiceren via versleutelde telefoons.",
                    "De verdovende middelen zitten verstopt in koelcontainers uit Zuid-Amerika.",
                    "Samenwerking met de politie van {city2} is gewenst.",
                    "Informatie afkomstig van een menselijke bron, bevestigd door observaties in {city}."),
            List.of("Antwerpen", "Brussel", "Gent", "Luik", "Charleroi", "Rotterdam", "Hasselt", "Mechelen"),
            List.of("Antwerpen", "Zeebrugge", "Rotterdam"), "Ref.");

    static final Language ARABIC = new Language("ar", titles(
            "مطلوب للعدالة بتهمة السرقة المسلحة في {city}",
            "اختفاء قاصر في {city} واحتمال مغادرته نحو {city2}",
            "سرقة سيارات فاخرة وتهريبها عبر ميناء {port}",
            "غسل الأموال عبر شركات وهمية في {city}",
            "تعقب أصول {org} العقارية في {city}",
            "الاتجار بالبشر واستغلال نساء في {city}",
            "شبكة لتهريب المهاجرين بين {city} و{city2}",
            "تهريب الكوكايين عبر الحاويات في ميناء {port}",
            "احتيال إلكتروني يستهدف زبناء البنوك انطلاقا من {city}",
            "رشوة موظفين في ميناء {port} لفائدة {org}",
            "أسلوب إجرامي جديد: قوارب سريعة لتهريب المخدرات قرب {port}"),
            List.of("تتوفر الشبكة على مستودعات في {city2} وتستعمل سيارات مكتراة.",
                    "تم رصد {n} تحويلات مالية عبر نظام الحوالة.",
                    "يستعمل المشتبه فيهم هواتف مشفرة ويغيرون أرقامهم باستمرار.",
                    "يرجى التنسيق مع مصالح الأمن في {city2}.",
                    "معلومات مستقاة من مصدر بشري وتم التحقق منها بالمراقبة الميدانية."),
            List.of("الدار البيضاء", "طنجة", "الناظور", "مراكش", "فاس", "أكادير", "وجدة", "تطوان"),
            List.of("طنجة المتوسط", "الدار البيضاء", "الناظور"), "مرجع");

    static final Language ENGLISH = new Language("en", titles(
            "Wanted for armed robbery of a cash-in-transit van near {city}",
            "Missing teenager last seen in {city}, possibly travelling to {city2}",
            "Theft of construction machinery shipped through {port}",
            "Money laundering through shell companies and crypto exchanges in {city}",
            "Asset tracing: real estate held by {org} in {city}",
            "Human trafficking for forced labour in car washes in {city}",
            "Migrant smuggling by lorry from {city} to {port}",
            "Cocaine concealed in reefer containers through the port of {port}",
            "Ransomware affiliate targeting logistics companies in {city}",
            "Bribery of port officials in {port} on behalf of {org}",
            "New modus operandi: SIM-swap fraud against bank customers in {city}"),
            List.of("The group keeps warehouses in {city2} and rotates hire vehicles every week.",
                    "{n} structured deposits below the reporting threshold were identified.",
                    "Suspects use encrypted handsets and pay couriers in cash.",
                    "Please report any hit in your own holdings to the originator.",
                    "Intelligence from a human source, corroborated by surveillance in {city}."),
            List.of("Brussels", "Amsterdam", "Lyon", "Madrid", "Hamburg", "Casablanca", "Lisbon", "Milan"),
            List.of("Antwerp", "Rotterdam", "Hamburg", "Algeciras", "Tanger Med"), "Ref.");

    static final List<Language> ALL = List.of(FRENCH, SPANISH, GERMAN, DUTCH, ARABIC, ENGLISH);

    /** Organisations that notices name, in the languages of their countries. */
    static final List<String> ORGANIZATIONS = List.of(
            "SARL Bâtir Sud Rénovation", "SAS Transports Côte d'Émeraude", "Société Méditerranéenne d'Import-Export",
            "Transportes Hermanos Núñez S.L.", "Inversiones Peñón del Sol S.A.", "Müller & Söhne Logistik GmbH",
            "Großhandel Weiß KG", "BV Noordzee Trading", "Vlaamse Diamant Compagnie NV", "شركة الأطلس للنقل",
            "Atlas Freight SARL", "Oceanic Reefer Lines Ltd", "Balkan Express d.o.o.");

    private static Map<NoticeType, String> titles(String wanted, String missing, String stolen, String laundering,
                                                        String tracing, String trafficking, String smuggling,
                                                        String drugs, String cyber, String corruption, String modus) {
        Map<NoticeType, String> titles = new EnumMap<>(NoticeType.class);
        titles.put(NoticeType.WANTED_PERSON, wanted);
        titles.put(NoticeType.MISSING_PERSON, missing);
        titles.put(NoticeType.STOLEN_ASSET, stolen);
        titles.put(NoticeType.MONEY_LAUNDERING, laundering);
        titles.put(NoticeType.ASSET_TRACING, tracing);
        titles.put(NoticeType.TRAFFICKING_HUMAN_BEINGS, trafficking);
        titles.put(NoticeType.MIGRANT_SMUGGLING, smuggling);
        titles.put(NoticeType.DRUG_TRAFFICKING, drugs);
        titles.put(NoticeType.CYBERCRIME, cyber);
        titles.put(NoticeType.CORRUPTION, corruption);
        titles.put(NoticeType.MODUS_OPERANDI, modus);
        return Map.copyOf(titles);
    }
}
