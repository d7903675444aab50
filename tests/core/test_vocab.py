from vigil.core import vocab

# The act types and perpetrator kinds of the exchange format, version 1 (docs/exchange-format.md).
ACT_TYPES = {
    "detention", "administrative_detention", "pretrial_detention", "imprisonment", "noncustodial_sentence",
    "fine", "criminal_charge", "physical_attack", "killing", "raid", "travel_restriction",
    "registration_denial", "designation", "event_ban", "threat", "censorship", "restrictive_law",
    "disappearance", "dismissal", "other",
}  # fmt: skip
PERPETRATORS = {
    "police",
    "court",
    "security_service",
    "government",
    "legislature",
    "prosecutor",
    "non_state",
    "unknown",
}


def test_shipped_vocabularies_hold_the_exchange_format_codes():
    assert vocab.codes("act_types") == ACT_TYPES
    assert vocab.codes("perpetrators") == PERPETRATORS
    assert {"statement", "urgent_appeal", "trial_monitoring", "precautionary_measures", "judgment"} <= vocab.codes(
        "intervention_types"
    )


def test_every_term_has_an_english_and_a_russian_label():
    for name in vocab.VOCABULARIES:
        for term in vocab.terms(name):
            assert term.label and term.label_ru, (name, term.code)


def test_roles_say_what_they_apply_to():
    assert {t.applies_to for t in vocab.terms("roles")} <= {"person", "organisation", "both"}
