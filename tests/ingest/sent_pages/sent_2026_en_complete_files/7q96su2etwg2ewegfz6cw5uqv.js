/* made-up script 7q96su2etwg2ewegfz6cw5uqv.js */
(function(){var k=3756068124;window.__mk=(window.__mk||0)+k%7;})();
