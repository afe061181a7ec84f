package progen

// rng is splitmix64: a tiny generator whose sequence for a seed is fixed here, not by a library
// that may change its algorithms, so that a seed names the same program in every Go release.
type rng struct{ s uint64 }

func newRNG(seed int64) *rng {
	r := &rng{s: uint64(seed)*0x2545f4914f6cdd1d + 0x9e3779b97f4a7c15}
	r.next()
	return r
}

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// intn returns a number in [0, n); n must be positive.
func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

// between returns a number in [lo, hi].
func (r *rng) between(lo, hi int) int { return lo + r.intn(hi-lo+1) }

// pct is true with probability p percent.
func (r *rng) pct(p int) bool { return r.intn(100) < p }

// choice picks an index by weight; weights that are zero are never picked. It returns -1 when
// every weight is zero.
func (r *rng) choice(weights ...int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	if total == 0 {
		return -1
	}
	k := r.intn(total)
	for i, w := range weights {
		if k < w {
			return i
		}
		k -= w
	}
	return -1
}
