; A small string task bundled with progsearch: `make run` evaluates a program on it.
; Add the title "Dr." in front of each person's first name.
(set-logic SLIA)

(synth-fun f ((name String)) String
  ((Start String) (S String) (I Int) (B Bool))
  ((Start String (S))
   (S String (name " " "Dr." (str.++ S S) (str.substr S I I) (str.at S I) (ite B S S)))
   (I Int (0 1 (+ I I) (- I I) (str.len S) (str.indexof S S I)))
   (B Bool ((str.prefixof S S) (str.contains S S) (= I I)))))

(declare-var name String)

(constraint (= (f "Ada Lovelace") "Dr. Ada"))
(constraint (= (f "Alan Turing") "Dr. Alan"))
(constraint (= (f "Grace Hopper") "Dr. Grace"))
(constraint (= (f "Edsger Dijkstra") "Dr. Edsger"))
(constraint (= (f "Barbara Liskov") "Dr. Barbara"))

(check-synth)
