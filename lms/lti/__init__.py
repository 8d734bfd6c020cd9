"""The LTI 1.3 tool: districts and partners place a course (or a module) in their own LMS,
launch their people into it, and get the score back in their gradebook."""
