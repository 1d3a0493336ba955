"""Events: dated happenings and statements, one per cue word in a clause (issue 5).

:func:`find_events` reads one article's clean text sentence by sentence and clause by clause.
A *trigger* is a cue verb or cue noun from ``data/lexicon/events.yaml``; it gives the event its
``kind`` and ``action`` (the lemma). The rest comes from the words around it, by rules of
English news prose rather than of any one story:

- **Clauses.** A sentence splits at ``;``/``:``, at ``, and``/``, but``, at subordinators
  (when, after, before, while, although, which, who, that), after a reporting verb whose content
  starts with a pronoun ("confirmed it sent"), at a participle after a comma (", praising"), at a
  trailing attribution (", Yonhap reported on April 28") and after a closing quotation mark.
  Each clause owns its dates.
- **Which words count.** A verb form must be used as a verb: "signed documents", "its deployed
  forces", "a treaty signed with Moscow" (a participle with no ``by`` agent), "showing captured
  soldiers" and gerunds after prepositions are not triggers; a bare form needs a subject, a
  modal, or "to" after a word of intention ("preparing to invite"). Negated verbs and words in
  quotation marks are left out. A noun ("statement", "agreement ceremony") counts only in a
  clause with no cue verb and only with a date of its own. Ambiguous verbs need a typical object
  in their clause (``requires``: "sent troops", not "sent a statement").
- **Actor.** The subject: the last actor mention left of the verb in its clause (a demonym only
  before a head such as "forces"; a possessor only before a head such as "leadership"; not an
  agent after "by"). Passives take the agent after "by"; without one, deployments and casualties
  take the patient's state ("North Korean troops were sent" -> North Korea), else the previous
  deployment's actor, else NA. Pronouns and "the agency" point back to the last actor of a fitting
  type; a coordinated verb ("... and praised") or a participle (", praising") shares the subject
  of the verb before it. Nouns take their possessor ("North Korea's announcement"), the actor
  after "from"/"by", or the nearest actor before them in the clause. A subject the actors
  lexicon does not name is the actor as the text words it when a person or body heads it
  (:mod:`.speakers`: "the health ministry in Gaza said", "President Recep Tayyip Erdogan").
- **Date.** The nearest dated mention (DATE or TIME with a calendar span) in the clause; a
  ``when``/``while``/``as`` clause and a participle share the date of the clause they attach
  to. "<duration> after/before <clause>" dates the inner clause from the outer event's date
  (2025-04-28 - P2D). A statement that neither its clause nor its sentence dates stays NaT: the
  day it was made is not the publication day. A sentence with no date of its
  own whose verb in the simple past has an actor named in the previous sentence's dated clause
  continues that narrative and takes its date ("... a statement from the Kremlin on April 26 ...
  Gerasimov said ...").
- **Claimant.** The reporting cue that governs the trigger (``according to``, a trailing ", X
  said", or "X said that ..." before it), from :mod:`toolkit.extract.attribution`; never the actor
  itself.
- **Planned.** A future or modal cue before the trigger in its clause (will, expected to,
  preparing to), or a date after ``published``.
- **What a statement says** (:mod:`.statements`). Undated, unplanned happenings reported
  in a statement's content are its news, not rows; a casualty count in the content keeps it an
  ``announcement`` (``toll_statement_kind``), a word of falsehood makes it a ``denial``; a light verb ("gave the
  first confirmation") takes its noun's kind; a publisher's release is the medium of the
  speaker's statement; one speaker's cues in one sentence are one statement (the stronger kind,
  a count of mentions). Coordinated subjects take the first one named. A negated statement on an
  occasion ("did not deny") is kind ``other``.
- **Precision.** A statement with no named actor, and any event with neither actor nor date, is
  dropped: on a timeline they say nothing. Within one article the same event told twice (same
  kind and action, actors equal or one NA, dates equal or one NaT) is one row: the first
  clause's text, the known date and actor, and a count of ``mentions``.

Each pass is a module; :mod:`.find` runs them in this order over one shared
:class:`~.model.Article` (the text, its sentences, dates and lexicon, and the clauses and
triggers found), each filling in fields of the triggers that the later ones read:

1. :mod:`.triggers` (with :mod:`.clauses`): clauses and triggers, tense, voice, negation, plan;
2. :mod:`.actors`: the actor of each trigger;
3. :mod:`.dating`: its date;
4. :mod:`.claimants`: who reports it;
5. :mod:`.statements`: what statements say, which triggers make rows;

then :mod:`.find` turns the triggers into records and :mod:`.merge` merges repeats. The
records they share are in :mod:`.model`, the compiled lexicon in :mod:`.grammar`, the
closed-class words and the tokeniser in :mod:`.words`.

>>> import datetime as dt
>>> t = "Ukrainian forces captured two North Korean soldiers in January."
>>> e = find_events(t, published=dt.date(2025, 4, 28))[0]
>>> (e.kind, e.action, e.actor, e.date_value, e.date.isoformat(), e.planned)
('capture', 'capture', 'Ukraine', '2025-01', '2025-01-01', False)
"""

from __future__ import annotations

from toolkit.extract.events.find import find_events

__all__ = ["find_events"]
