package main

func Example() {
	main()
	// Output:
	// words: stopped after 15 words
	// Beautiful is better than ugly. Explicit is better than implicit. Simple is better than complex.
	// words: stopped after 7 words
	// BEAUTIFUL IS BETTER THAN UGLY. EXPLICIT IS
}
