#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| smarty_fuzz::param(data));
