package main

// The program's output on the virtual clock: the same every run.
func Example() {
	main()
	// Output:
	// gather(fast, medium, slow)
	//      0s  fast   tick 1, sleeps 300ms
	//      0s  medium tick 1, sleeps 600ms
	//      0s  slow   tick 1, sleeps 700ms
	//   300ms  fast   tick 2, sleeps 300ms
	//   600ms  medium tick 2, sleeps 600ms
	//   600ms  fast   tick 3, sleeps 300ms
	//   700ms  slow   tick 2, sleeps 700ms
	//   900ms  fast   tick 4, sleeps 300ms
	//    1.2s  medium tick 3, sleeps 600ms
	//    1.2s  fast   done
	//    1.4s  slow   done
	//    1.8s  medium done
	//    1.8s  gathered:
	//   fast: 4 ticks of 300ms, done at 1.2s
	//   medium: 3 ticks of 600ms, done at 1.8s
	//   slow: 2 ticks of 700ms, done at 1.4s
}
