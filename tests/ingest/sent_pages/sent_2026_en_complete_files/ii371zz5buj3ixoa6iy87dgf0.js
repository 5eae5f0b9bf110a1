/* made-up script ii371zz5buj3ixoa6iy87dgf0.js */
(function(){var k=1648415799;window.__mk=(window.__mk||0)+k%7;})();
