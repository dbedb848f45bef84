// Speakers for attribution: noun phrases resolved to the story's people
// (names, pronouns, descriptors, leaders by name and by role), the names a
// sentence mentions, and speech events without a quote that set the
// running speaker.
#include <algorithm>

#include "quote/attributor.h"

namespace newsmon::quote_internal {

std::string Attributor::LeaderOfPerson(int person) {
  if (person < 0) return {};
  const auto slot = static_cast<size_t>(person);
  if (slot >= person_leader_.size()) person_leader_.resize(slot + 1);
  std::optional<std::string>& id = person_leader_[slot];
  if (!id) id = leaders_.ResolveName(persons_.FullName(person)).value_or(std::string());
  return *id;
}

int Attributor::MentionNamed(const NamedPerson& named, const Np& np) {
  if (!named.genitive) return persons_.Mention(named.words, np.gender, np.roles);
  std::vector<std::string_view> nominative;
  for (std::string_view w : named.words)
    nominative.push_back(nominatives_.emplace_back(RussianNominativeOfGenitive(w)));
  const int person = persons_.Mention(nominative, np.gender, np.roles);
  persons_.NominativeSurname(person, nominative.back());
  return person;
}

const std::vector<std::string_view>* Attributor::NamedLeader(const std::string& leader_id) {
  if (!leaders_named_) {
    leaders_named_.emplace();
    // A capitalised word the name run took in ("Вечером Касым-Жомарт
    // Токаев") is dropped: the name is tried from each word on.
    persons_.ForEachRegistered([&](const std::vector<std::string_view>& words) {
      for (size_t from = 0; from < words.size(); ++from) {
        std::string full;
        for (size_t w = from; w < words.size(); ++w) {
          if (!full.empty()) full += ' ';
          full += words[w];
        }
        if (auto id = leaders_.ResolveName(full)) {
          leaders_named_->try_emplace(*id, words.begin() + static_cast<std::ptrdiff_t>(from), words.end());
          return;
        }
      }
    });
  }
  auto it = leaders_named_->find(leader_id);
  return it == leaders_named_->end() ? nullptr : &it->second;
}

Attributor::Speaker Attributor::Resolve(const Np& np) {
  Speaker s;
  switch (np.kind) {
    case Np::kNone:
      break;
    case Np::kName:
      // "— сказал зампред Нацбанка": the role's holder the story introduced
      // with that organisation, not the organisation.
      if (std::string relative = RussianNamesake(np.name.back(), np.end > 0 ? T(np.end - 1).begin : 0);
          !relative.empty()) {
        s.name = std::move(relative);  // "— сказал Садыков-старший"
        break;
      }
      if (std::string company = RussianLegalFormSource(np); !company.empty()) {
        s.name = std::move(company);  // "— говорится в сообщении ТОО"
        break;
      }
      if (NamedPerson holder = RussianPersonOfOrganisation(np); !holder.words.empty()) {
        s.person = MentionNamed(holder, np);
      } else if (np.genitive) {
        std::vector<std::string_view> nominative;
        for (std::string_view w : np.name)
          nominative.push_back(nominatives_.emplace_back(RussianNominativeOfGenitive(w)));
        s.person = persons_.Mention(nominative, np.gender, np.roles, np.country);
        persons_.NominativeSurname(s.person, nominative.back());
      } else {
        s.person = persons_.Mention(np.name, np.gender, np.roles, np.country);
      }
      s.name = persons_.FullName(s.person);
      s.leader_id = LeaderOfPerson(s.person);
      break;
    case Np::kPronoun:
      s.person = persons_.Resolve(np.gender);
      if (s.person >= 0) {
        Person& p = persons_.at(s.person);
        if (p.gender == Gender::kUnknown && np.gender != Gender::kPlural) p.gender = np.gender;
        s.name = persons_.FullName(s.person);
        s.leader_id = LeaderOfPerson(s.person);
      }
      break;
    case Np::kDescriptor: {
      const RoleHolder holder = RussianRoleHolder(np);
      if (!holder.person.words.empty()) {
        s.person = MentionNamed(holder.person, np);
        s.name = persons_.FullName(s.person);
        s.leader_id = LeaderOfPerson(s.person);
        break;
      }
      // The head of a fund or a company is not the head of state, and a
      // company's spokesman not the government's.
      const bool own_roles = holder.kind != RoleHolder::kOrganisation;
      std::vector<std::string_view> roles;
      for (size_t r = np.begin; r < np.end && r < toks_.size(); ++r) {
        if (const std::string_view office = RussianOfficeAt(r); !office.empty()) roles.push_back(office);
      }
      roles.insert(roles.end(), np.roles.begin(), np.roles.end());
      for (const auto& role : roles) {
        if (!own_roles || (holder.kind == RoleHolder::kInstitution && IsHeadOfState(role))) continue;
        s.person = persons_.WithRole(role, np.gender, np.country);
        if (s.person >= 0) break;
      }
      std::string phrase;
      for (size_t i = np.begin; i < np.end && i < toks_.size(); ++i) {
        if (!phrase.empty()) phrase += ' ';
        phrase += Surface(i);
      }
      // A tracked leader the story has named and who held the role beats
      // the role table: "Tokayev met Olaf Scholz. … the chancellor said".
      // The people of the story are looked at only when some leader held
      // the role ("the minister said" costs nothing).
      if (s.person < 0 && holder.kind == RoleHolder::kNone) {
        const std::vector<std::string> held = leaders_.LeadersWhoHeld(phrase);
        if (!held.empty()) {
          s.person = persons_.MostRecent([&](int person) {
            if (GendersDiffer(persons_.at(person).gender, np.gender)) return false;
            const std::string id = LeaderOfPerson(person);
            return !id.empty() && std::find(held.begin(), held.end(), id) != held.end();
          });
        }
        // "«…», – подчеркнул Президент." before the story names Токаев: the
        // one leader of the story who held the role.
        const std::vector<std::string_view>* only = nullptr;
        for (size_t h = 0; s.person < 0 && h < held.size(); ++h) {
          const std::vector<std::string_view>* named = NamedLeader(held[h]);
          if (named != nullptr && only != nullptr) {
            only = nullptr;
            break;
          }
          if (named != nullptr) only = named;
        }
        if (only != nullptr) s.person = persons_.Mention(*only, np.gender, np.roles, np.country);
      }
      if (s.person >= 0) {
        s.name = persons_.FullName(s.person);
        s.leader_id = LeaderOfPerson(s.person);
        break;
      }
      if (auto id =
              holder.kind == RoleHolder::kNone ? leaders_.ResolveDescriptor(phrase, options_.date) : std::nullopt) {
        s.leader_id = *id;
        s.name = leaders_.NameOf(*id);
        // "— подчеркнул Президент" in a story that names Токаев: his name as
        // the story spells it, not the configured one.
        if (const std::vector<std::string_view>* named = NamedLeader(*id); named != nullptr) {
          s.person = persons_.Mention(*named, np.gender, np.roles, np.country);
          s.name = persons_.FullName(s.person);
        }
        break;
      }
      // Russian has no article to say "the senator" is someone already
      // named: a bare person noun ("— подчеркнул политик", "написала
      // дипломат") is the one the story follows, its last speaker first.
      if (lex_->language == Language::kRussian && np.end == np.begin + 1 && IsWord(np.begin) &&
          lex_->IsAnaphoricPersonNoun(T(np.begin).lower)) {
        s.person = persons_.Resolve(np.gender);
        if (s.person < 0) s.person = persons_.MostRecent([](int) { return true; });
        if (s.person >= 0) {
          s.name = persons_.FullName(s.person);
          s.leader_id = LeaderOfPerson(s.person);
          break;
        }
      }
      s.name = lex_->language == Language::kRussian ? RussianInstitution(np) : phrase;
      if (s.name.empty()) s.name = phrase;
      break;
    }
  }
  if (s.person >= 0) persons_.Spoke(s.person);
  return s;
}

void Attributor::MentionNames(size_t lo, size_t hi) {
  for (size_t i = lo; i < hi;) {
    if (!IsNameTok(i)) {
      ++i;
      continue;
    }
    size_t b = i;
    while (b > lo && IsRunTok(b - 1) && !AddresseeFollows(b - 1)) --b;
    size_t e = i;
    while (e < hi && IsRunTok(e)) {
      if (AddresseeFollows(e++)) break;
    }
    Np np = FromRun(b, e);
    DropGovernedObliqueHead(b, &np);
    AddContext(b, lo, &np);
    if (np.kind == Np::kName &&
        !(b > lo && IsWord(b - 1) && Has(b - 1, Lexicon::kPreposition) && np.name.size() == 1)) {
      if (RussianNameAfterGenitiveRole(np)) {
        MentionNamed({np.name, true}, np);  // "поздравление президента Шавката Мирзиёева"
      } else {
        persons_.Mention(np.name, np.gender, np.roles, np.country);
      }
    }
    i = e;
  }
}

void Attributor::SpeechEvent(size_t lo, size_t hi) {
  for (size_t v = lo; v < hi; ++v) {
    if (!IsStrongCue(v)) continue;
    Cue c = CueAt(v, lo, hi);
    if (c.np.kind == Np::kNone) c.np = SentenceSubject(lo, v);
    if (c.np.kind == Np::kNone) continue;
    Speaker s = Resolve(c.np);
    if (!s.name.empty()) current_ = s;
    return;
  }
  // No speech verb: a sentence about a named person makes them the likely
  // speaker of a quote that follows on its own.
  Np np = SentenceSubject(lo, hi);
  if (np.kind == Np::kNone && lex_->language == Language::kRussian) np = RussianSubject(lo, hi);
  if (np.kind == Np::kName) {
    Speaker s = Resolve(np);
    if (!s.name.empty()) current_ = s;
  }
}

}  // namespace newsmon::quote_internal
