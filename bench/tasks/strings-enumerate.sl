; Throughput probe for bottom-up search: a SyGuS SLIA-style grammar whose outputs no small program
; produces, so the search enumerates until its budget. Used by bench/run.sh.
(set-logic SLIA)
(synth-fun f ((name String)) String
  ((Start String) (S String) (I Int) (B Bool))
  ((Start String (S))
   (S String (name " " "." "-" (str.++ S S) (str.replace S S S) (str.at S I) (str.from_int I) (ite B S S) (str.substr S I I)))
   (I Int (0 1 2 (+ I I) (- I I) (str.len S) (str.to_int S) (str.indexof S S I)))
   (B Bool ((= I I) (str.prefixof S S) (str.suffixof S S) (str.contains S S)))))
(constraint (= (f "Ada Lovelace") "#0ECALEVOL ADA"))
(constraint (= (f "Alan Turing") "#919GNIRUT NALA"))
(constraint (= (f "Grace Hopper") "#838REPPOH ECARG"))
(constraint (= (f "Edsger Dijkstra") "#757ARTSKJID REGSDE"))
(constraint (= (f "Barbara Liskov") "#676VOKSIL ARABRAB"))
(constraint (= (f "Donald Knuth") "#595HTUNK DLANOD"))
(constraint (= (f "Frances Allen") "#514NELLA SECNARF"))
(constraint (= (f "John Backus") "#433SUKCAB NHOJ"))
(check-synth)
