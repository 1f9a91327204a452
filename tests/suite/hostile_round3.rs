//! Issue 15, "a new hostile suite is run again": attacks beyond the first
//! two rounds, each with the behaviour a careful generator owes (a clear
//! diagnostic, no panic, text kept, nothing smuggled out, bounded cost).
//! Sizes are the smallest that show the problem, so each test stays fast.

mod controls;
mod files;
mod names;
mod raw_html;
mod serve;
mod sizes;
mod theme;
