// A small SyGuS task several tests search: initials with dots ("Ada Lovelace" -> "A.L.") over a grammar
// of concatenation, one-character and substring extraction, and index arithmetic. Unguided search
// solves it in a few thousand candidates.
#pragma once

namespace progsearch::testing {

inline constexpr const char* kInitialsTask = R"(
    (set-logic SLIA)
    (synth-fun f ((name String)) String
      ((Start String (name " " "." (str.++ Start Start) (str.at Start I) (str.substr Start I I)))
       (I Int (0 1 (+ I I) (str.indexof Start Start I)))))
    (constraint (= (f "Ada Lovelace") "A.L."))
    (constraint (= (f "Alan Turing") "A.T."))
    (constraint (= (f "Grace Hopper") "G.H.")))";

}  // namespace progsearch::testing
